package org.openconnector.common.test;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every service keeps whatever its resources: it migrates its own schema, reports
 * health with liveness and readiness groups, exposes Prometheus metrics and an OpenAPI document,
 * carries request ids, and answers unknown paths and oversize bodies with problem+json.
 * A service's test extends this and names its schema.
 */
// 30 s, not the 5 s default: on a busy 2-core CI machine a first OpenAPI render, or a call a service
// makes to a neighbour process that is still warming up, can take longer than 5 s.
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ServiceContractIT {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    protected abstract String schema();

    @Test
    void migratesItsOwnSchemaAtStartup() {
        Long applied = db.sql("select count(*) from " + schema() + ".flyway_schema_history where success")
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(applied).isGreaterThanOrEqualTo(2);
        Long outbox = db.sql("select count(*) from information_schema.tables where table_schema = :s and table_name = 'outbox'")
                .bind("s", schema()).map(row -> row.get(0, Long.class)).one().block();
        assertThat(outbox).isEqualTo(1);
    }

    @Test
    void reportsHealthWithLivenessAndReadinessGroups() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        String body = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void servesItsOpenApiDocument() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }

    @Test
    void answersUnknownPathWithProblemJson404() {
        web.get().uri("/api/v1/no-such-resource").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.instance").isEqualTo("/api/v1/no-such-resource")
                .jsonPath("$.traceId").exists()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void answersOversizeBodyWith413ProblemJson() {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        web.post().uri("/api/v1/anything").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("at most 1048576"));
        // The refused body must not block the next requests (it is drained, not left on the connection).
        for (int i = 0; i < 5; i++) {
            web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        }
    }

    @Test
    void keepsTheCallersRequestIdAndGeneratesOneOtherwise() {
        web.get().uri("/actuator/health").header("X-Request-Id", "abc-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "abc-123");
        web.get().uri("/actuator/health").exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).hasSizeGreaterThan(8));
    }

    @Test
    void problemTraceIdIsTheRequestId() {
        web.get().uri("/api/v1/no-such-resource").header("X-Request-Id", "trace-me-1").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.traceId").isEqualTo("trace-me-1");
    }
}
