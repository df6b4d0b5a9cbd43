package org.openconnector.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final Path ROOT = Path.of("/repo");

    private static Settings settings(Map<String, String> env, String... args) {
        return Settings.from(args, env, ROOT, "cp");
    }

    @Test
    void defaultsToEverythingEmbeddedOnTheDocumentedPorts() {
        Settings s = settings(Map.of());

        assertThat(s.embeddedPostgres()).isTrue();
        assertThat(s.embeddedKafka()).isTrue();
        assertThat(s.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(s.dbHost()).isEqualTo("localhost");
        assertThat(s.dbPort()).isEqualTo(5432);
        assertThat(s.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(s.kafkaControllerPort()).isEqualTo(9093);
        assertThat(s.services()).extracting(spec -> spec.name() + ":" + spec.port()).containsExactly(
                "gateway-service:8080", "connector-service:8081", "mapping-service:8082",
                "sync-service:8083", "job-service:8084", "event-service:8085");
        assertThat(s.clean()).isFalse();
    }

    @Test
    void portsMoveWithTheirVariablesAndTheServicesFollow() {
        Settings s = settings(Map.of("OPENCONNECTOR_PG_PORT", "15432", "OPENCONNECTOR_KAFKA_PORT", "19092",
                "OPENCONNECTOR_GATEWAY_PORT", "18080"), "up", "--clean");

        assertThat(s.dbPort()).isEqualTo(15432);
        assertThat(s.kafkaBootstrap()).isEqualTo("localhost:19092");
        assertThat(s.kafkaControllerPort()).isEqualTo(19093);
        assertThat(s.services().get(0).baseUrl()).isEqualTo("http://localhost:18080");
        assertThat(s.clean()).isTrue();
    }

    @Test
    void externalDatabaseAndBrokerComeFromTheEnvironmentEachOnItsOwn() {
        Settings dbOnly = settings(Map.of("DATABASE_HOST", "db.internal", "DATABASE_PORT", "6432",
                "DATABASE_USER", "oc", "DATABASE_PASSWORD", "pw", "DATABASE_NAME", "ocdb"));
        assertThat(dbOnly.embeddedPostgres()).isFalse();
        assertThat(dbOnly.embeddedKafka()).isTrue();
        assertThat(dbOnly.dbHost() + ":" + dbOnly.dbPort() + "/" + dbOnly.dbName()).isEqualTo("db.internal:6432/ocdb");
        assertThat(dbOnly.toString()).contains("db.internal").doesNotContain("pw");

        Settings kafkaOnly = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"));
        assertThat(kafkaOnly.embeddedPostgres()).isTrue();
        assertThat(kafkaOnly.embeddedKafka()).isFalse();
        assertThat(kafkaOnly.kafkaBootstrap()).isEqualTo("k1:9092,k2:9092");

        Settings external = settings(Map.of(), "--external");
        assertThat(external.embeddedPostgres()).isFalse();
        assertThat(external.embeddedKafka()).isFalse();
    }

    @Test
    void rejectsUnknownOptionsAndMalformedPorts() {
        assertThatThrownBy(() -> settings(Map.of(), "--cleen")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --cleen").hasMessageContaining("usage");
        assertThatThrownBy(() -> settings(Map.of("OPENCONNECTOR_PG_PORT", "five"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENCONNECTOR_PG_PORT");
        assertThatThrownBy(() -> settings(Map.of("OPENCONNECTOR_JOB_PORT", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENCONNECTOR_JOB_PORT");
    }
}
