package org.openconnector.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks up front that every port the platform will listen on is free, so a leftover process or
 * another PostgreSQL/Kafka gives one clear message instead of a service dying half-way through.
 */
final class Ports {

    private Ports() {
    }

    /** @param wanted what will listen there, by port (e.g. 5432 → "PostgreSQL (OPENCONNECTOR_PG_PORT)") */
    static void requireFree(Map<Integer, String> wanted) {
        List<String> taken = new ArrayList<>();
        new LinkedHashMap<>(wanted).forEach((port, what) -> {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                taken.add("  port " + port + " for " + what);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("these ports are already in use (another Open Connector still running? "
                    + "try ./openconnector down, or choose other ports):\n" + String.join("\n", taken));
        }
    }
}
