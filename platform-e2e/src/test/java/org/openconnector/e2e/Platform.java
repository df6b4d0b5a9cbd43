package org.openconnector.e2e;

import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.common.test.ServiceProcess;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The services an end-to-end test needs, started once per test JVM as real processes against the
 * shared PostgreSQL and Kafka, with the gateway routing to them.
 */
final class Platform {

    private static Platform instance;

    final RealInfrastructure.Endpoints infra;
    final ServiceProcess connector;
    final ServiceProcess gateway;

    private Platform(RealInfrastructure.Endpoints infra, ServiceProcess connector, ServiceProcess gateway) {
        this.infra = infra;
        this.connector = connector;
        this.gateway = gateway;
    }

    static synchronized Platform get() throws Exception {
        if (instance == null) {
            ServiceProcess connector = ServiceProcess.start("connector-service", Map.of(), List.of());
            connector.awaitReady(Duration.ofSeconds(120));
            ServiceProcess gateway = ServiceProcess.start("gateway-service",
                    Map.of("CONNECTOR_SERVICE_URL", connector.baseUrl()), List.of());
            gateway.awaitReady(Duration.ofSeconds(120));
            instance = new Platform(RealInfrastructure.get(), connector, gateway);
        }
        return instance;
    }
}
