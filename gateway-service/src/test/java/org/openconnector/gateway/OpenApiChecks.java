package org.openconnector.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** One OpenAPI document for the whole API, and Swagger UI on it (run by {@link GatewayServiceIT}). */
abstract class OpenApiChecks {

    @Autowired
    WebTestClient web;

    @Test
    void mergesThePublicPathsAndSchemasOfEveryService() {
        var body = web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").isEqualTo("3.1.0")
                .jsonPath("$.info.title").isEqualTo("Open Connector API")
                .jsonPath("$.servers[0].url").isEqualTo("/")
                .jsonPath("$.x-unavailable-services").isEmpty()
                .jsonPath("$.components.schemas.Problem").exists()
                .jsonPath("$.tags.length()").isEqualTo(5);
        GatewayServiceIT.SERVICES.forEach(s -> body
                .jsonPath("$.paths['/api/v1/" + s + "-things'].get").exists()
                .jsonPath("$.paths['/internal/" + s + "-things']").doesNotExist()
                .jsonPath("$.components.schemas." + Character.toUpperCase(s.charAt(0)) + s.substring(1) + "Thing").exists());
    }

    @Test
    void skipsAServiceThatIsDownAndNamesIt() {
        TestBackend.of("event").stop();
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.x-unavailable-services.length()").isEqualTo(1)
                .jsonPath("$.x-unavailable-services[0]").isEqualTo("event")
                .jsonPath("$.info.description").value(d -> assertThat(d.toString()).contains("event"))
                .jsonPath("$.paths['/api/v1/event-things']").doesNotExist()
                .jsonPath("$.paths['/api/v1/connector-things']").exists();
    }

    @Test
    void servesSwaggerUiOnTheAggregatedDocument() {
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        web.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
        web.get().uri("/v3/gateway-api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
    }
}
