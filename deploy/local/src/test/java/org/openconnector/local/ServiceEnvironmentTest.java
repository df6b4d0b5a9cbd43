package org.openconnector.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {

    private static final Settings EMBEDDED = Settings.from(new String[0], Map.of(), Path.of("/repo"), "cp");

    @Test
    void pointsEveryServiceAtTheEmbeddedInfrastructureAndAtEachOther() {
        Map<String, String> env = ServiceEnvironment.of(EMBEDDED, "KEY", Map.of());

        assertThat(env).containsEntry("DATABASE_HOST", "localhost").containsEntry("DATABASE_PORT", "5432")
                .containsEntry("DATABASE_NAME", "openconnector").containsEntry("DATABASE_USER", "openconnector")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("CONNECTOR_SERVICE_URL", "http://localhost:8081")
                .containsEntry("EVENT_SERVICE_URL", "http://localhost:8085")
                .containsEntry("GATEWAY_URL", "http://localhost:8080")
                .containsEntry("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "local")
                .containsEntry("OPENCONNECTOR_CRYPTO_KEYS_LOCAL", "KEY")
                .containsEntry("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true")
                .doesNotContainKey("PORT");
    }

    @Test
    void keysAndLoopbackPolicyGivenByTheUserWin() {
        Map<String, String> env = ServiceEnvironment.of(EMBEDDED, "KEY", Map.of(
                "OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "prod2026", "OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "false"));

        assertThat(env).doesNotContainKeys("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "OPENCONNECTOR_CRYPTO_KEYS_LOCAL")
                .containsEntry("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "false");
    }
}
