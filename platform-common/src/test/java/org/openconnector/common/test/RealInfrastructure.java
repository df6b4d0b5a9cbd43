package org.openconnector.common.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.openconnector.common.events.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, started on first use and shared by
 * every Spring context of that JVM. Testcontainers when a Docker engine answers; otherwise zonky's
 * embedded PostgreSQL and spring-kafka-test's in-JVM KRaft broker. {@code TEST_PG_JDBC_URL}
 * (+ {@code TEST_PG_USER}, {@code TEST_PG_PASSWORD}) points the tests at an installed server instead.
 */
public final class RealInfrastructure {

    /** Test-only AES key (base64 of 32 bytes): never used outside tests. */
    public static final String TEST_CRYPTO_KEY = "dGVzdC1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=";

    public record Endpoints(String jdbcUrl, String user, String password, String kafkaBootstrap) {
        public String r2dbcUrl() {
            return jdbcUrl.replaceFirst("^jdbc:", "r2dbc:");
        }
    }

    private static Endpoints endpoints;

    private RealInfrastructure() {
    }

    public static synchronized Endpoints get() {
        if (endpoints == null) {
            endpoints = dockerAvailable() ? startContainers() : startEmbedded();
            createPlatformTopics(endpoints.kafkaBootstrap());
        }
        return endpoints;
    }

    /** Points a Spring test context at the shared infrastructure. */
    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The same settings as a map, for applications started by hand (SpringApplicationBuilder). */
    public static Map<String, Object> properties() {
        Endpoints e = get();
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("spring.r2dbc.url", e.r2dbcUrl());
        p.put("spring.r2dbc.username", e.user());
        p.put("spring.r2dbc.password", e.password());
        p.put("spring.flyway.url", e.jdbcUrl());
        p.put("spring.flyway.user", e.user());
        p.put("spring.flyway.password", e.password());
        p.put("spring.kafka.bootstrap-servers", e.kafkaBootstrap());
        p.put("openconnector.crypto.active-key-id", "test");
        p.put("openconnector.crypto.keys.test", TEST_CRYPTO_KEY);
        return p;
    }

    /** The same settings as the environment variables a service process reads (see openconnector-service.yml). */
    public static Map<String, String> serviceEnvironment() {
        Endpoints e = get();
        java.net.URI db = java.net.URI.create(e.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DATABASE_HOST", db.getHost());
        env.put("DATABASE_PORT", String.valueOf(db.getPort()));
        env.put("DATABASE_NAME", db.getPath().substring(1));
        env.put("DATABASE_USER", e.user());
        env.put("DATABASE_PASSWORD", e.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", e.kafkaBootstrap());
        env.put("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "test");
        env.put("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true");
        return env;
    }

    private static boolean dockerAvailable() {
        boolean hint = new File("/var/run/docker.sock").exists() || System.getenv("DOCKER_HOST") != null;
        try {
            return hint && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static Endpoints startContainers() {
        var pg = new PostgreSQLContainer("postgres:18");
        var kafka = new KafkaContainer("apache/kafka:4.1.2");
        pg.start();
        kafka.start();
        return new Endpoints(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), kafka.getBootstrapServers());
    }

    private static Endpoints startEmbedded() {
        try {
            String jdbc = System.getenv("TEST_PG_JDBC_URL");
            Endpoints pg;
            if (jdbc != null && !jdbc.isBlank()) {
                pg = new Endpoints(jdbc, System.getenv().getOrDefault("TEST_PG_USER", "postgres"),
                        System.getenv().getOrDefault("TEST_PG_PASSWORD", ""), null);
            } else {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
                pg = new Endpoints("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres", null);
            }
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            return new Endpoints(pg.jdbcUrl(), pg.user(), pg.password(), broker.getBrokersAsString());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start embedded test infrastructure", e);
        }
    }

    private static void createPlatformTopics(String bootstrap) {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = List.of(Topics.PLATFORM_EVENTS, Topics.SYNC_TRIGGERS, Topics.JOB_RESULTS, Topics.CALL_LOGS)
                    .stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create platform topics", e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // JVM is exiting; nothing useful to do with a close failure.
        }
    }
}
