package org.openconnector.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against five real loopback backends (one per service) and the real gateway schema.
 * The platform contract runs here; routing, resilience, health and OpenAPI run as nested classes
 * so every gateway test shares this one Spring context. The response timeout is short (1.5 s)
 * so the slow-service test does not wait long; the backends' slow mode waits 5 s.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "openconnector.gateway.response-timeout-ms=1500",
                "openconnector.gateway.health-timeout=1s",
                "openconnector.gateway.cors-allowed-origins=https://console.example"})
class GatewayServiceIT extends ServiceContractIT {

    static final List<String> SERVICES = List.of("connector", "mapping", "sync", "job", "event");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        SERVICES.forEach(s -> registry.add("openconnector.services." + s, () -> TestBackend.of(s).url()));
    }

    @Override
    protected String schema() {
        return "gateway";
    }

    @BeforeEach
    void everyBackendReadyAndFast() {
        SERVICES.forEach(s -> TestBackend.of(s).reset());
    }

    @Test
    void migratesConsumersAndApiTokensTables() {
        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'gateway' order by 1")
                .map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(tables).contains("consumers", "api_tokens", "outbox");
    }

    @Nested
    class Routing extends RoutingChecks {
    }

    @Nested
    class Resilience extends ResilienceChecks {
    }

    @Nested
    class Health extends HealthChecks {
    }

    @Nested
    class OpenApi extends OpenApiChecks {
    }
}
