package org.openconnector.e2e;

import org.openconnector.common.test.RealInfrastructure;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
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
            RealInfrastructure.Endpoints infra = RealInfrastructure.get();
            Map<String, String> env = environment(infra);
            List<String> args = List.of("--openconnector.crypto.keys.test=" + RealInfrastructure.TEST_CRYPTO_KEY);
            ServiceProcess connector = ServiceProcess.start("connector-service", env, args);
            connector.awaitReady(Duration.ofSeconds(120));
            Map<String, String> gatewayEnv = new HashMap<>(env);
            gatewayEnv.put("CONNECTOR_SERVICE_URL", connector.baseUrl());
            ServiceProcess gateway = ServiceProcess.start("gateway-service", gatewayEnv, args);
            gateway.awaitReady(Duration.ofSeconds(120));
            instance = new Platform(infra, connector, gateway);
        }
        return instance;
    }

    private static Map<String, String> environment(RealInfrastructure.Endpoints infra) {
        URI db = URI.create(infra.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_HOST", db.getHost());
        env.put("DATABASE_PORT", String.valueOf(db.getPort()));
        env.put("DATABASE_NAME", db.getPath().substring(1));
        env.put("DATABASE_USER", infra.user());
        env.put("DATABASE_PASSWORD", infra.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "test");
        return env;
    }
}
