package org.openconnector.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Free loopback ports and the classpath the launcher's children run with, for the tests. */
public final class TestPorts {

    private TestPorts() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** target/lib, copied at package time (before Failsafe runs), as the script passes it. */
    public static String brokerClasspath() {
        return Path.of("target/lib").toAbsolutePath() + "/*";
    }
}
