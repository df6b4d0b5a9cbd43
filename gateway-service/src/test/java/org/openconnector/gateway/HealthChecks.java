package org.openconnector.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway's health reflects every service; liveness does not (run by {@link GatewayServiceIT}). */
abstract class HealthChecks {

    @Autowired
    WebTestClient web;

    @Test
    void isUpWhenEveryServiceIsReadyAndShowsEachOne() {
        var body = web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                // no discovery client is used: its components would only ever say UNKNOWN
                .jsonPath("$.components.discoveryComposite").doesNotExist()
                .jsonPath("$.components.reactiveDiscoveryClients").doesNotExist();
        GatewayServiceIT.SERVICES.forEach(s -> body
                .jsonPath("$.components.services.components." + s + ".status").isEqualTo("UP")
                .jsonPath("$.components.services.components." + s + ".details.url")
                .isEqualTo(TestBackend.of(s).url() + "/actuator/health/readiness"));
    }

    @Test
    void isDownWhenOneServiceIsNotReadyButStaysLiveAndReady() {
        TestBackend.of("sync").ready.set(false);
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.services.components.sync.status").isEqualTo("DOWN")
                .jsonPath("$.components.services.components.sync.details.httpStatus").isEqualTo(503)
                .jsonPath("$.components.services.components.connector.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void isDownWhenOneServiceIsUnreachable() {
        TestBackend.of("job").stop();
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.services.components.job.status").isEqualTo("DOWN")
                .jsonPath("$.components.services.components.job.details.error").exists()
                .jsonPath("$.components.services.components.event.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void isDownWhenOneServiceIsTooSlowToAnswer() {
        TestBackend.of("mapping").slowHealth.set(true);
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.services.components.mapping.status").isEqualTo("DOWN")
                .jsonPath("$.components.services.components.mapping.details.error").isEqualTo("no answer within 1000 ms");
    }
}
