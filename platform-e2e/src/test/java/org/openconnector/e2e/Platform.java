package org.openconnector.e2e;

import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.common.test.ServiceProcess;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform as an end-to-end test needs it: the six services started once per test JVM as
 * real processes from their jars, against the shared PostgreSQL and Kafka, wired to each other the
 * way the local launcher wires them, with the gateway in front.
 */
final class Platform {

    private static final List<String> BACKENDS = List.of("connector", "mapping", "sync", "job", "event");
    private static Platform instance;

    final RealInfrastructure.Endpoints infra;
    final ServiceProcess gateway;

    private Platform(RealInfrastructure.Endpoints infra, ServiceProcess gateway) {
        this.infra = infra;
        this.gateway = gateway;
    }

    static synchronized Platform get() throws Exception {
        if (instance == null) {
            // Ports are fixed before start so every service can be told where the others are.
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : BACKENDS) {
                ports.put(name, ServiceProcess.freePort());
            }
            Map<String, String> env = new HashMap<>();
            ports.forEach((name, port) -> env.put(name.toUpperCase() + "_SERVICE_URL", "http://localhost:" + port));
            Map<String, ServiceProcess> started = new LinkedHashMap<>();
            for (String name : BACKENDS) {
                started.put(name, ServiceProcess.start(name + "-service", ports.get(name), env, List.of()));
            }
            for (ServiceProcess service : started.values()) {
                service.awaitReady(Duration.ofSeconds(180));
            }
            ServiceProcess gateway = ServiceProcess.start("gateway-service", ServiceProcess.freePort(), env, List.of());
            gateway.awaitReady(Duration.ofSeconds(180));
            instance = new Platform(RealInfrastructure.get(), gateway);
        }
        return instance;
    }
}
