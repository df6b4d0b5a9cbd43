package org.openconnector.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Down, slow and failing services give the error contract, never a 500 (run by {@link GatewayServiceIT}). */
abstract class ResilienceChecks {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Test
    void aServiceThatIsDownGives503Problem() {
        TestBackend.of("event").stop();
        expectProblem("/api/v1/events/1", 503, "service-unavailable", "event");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGives504Problem() {
        TestBackend.of("job").slow.set(true);
        expectProblem("/api/v1/jobs/1", 504, "gateway-timeout", "job");
    }

    @Test
    void anOpenCircuitGives503WithoutCallingTheService() {
        web.get().uri("/api/v1/rules").exchange().expectStatus().isOk();
        CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("mapping");
        int before = TestBackend.of("mapping").apiCalls.get();
        breaker.transitionToForcedOpenState();
        try {
            expectProblem("/api/v1/rules", 503, "service-unavailable", "circuit open");
            assertThat(TestBackend.of("mapping").apiCalls.get()).isEqualTo(before);
        } finally {
            breaker.transitionToClosedState();
        }
        web.get().uri("/api/v1/rules").exchange().expectStatus().isOk();
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndTheServiceIsNoLongerCalled() {
        CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("event");
        breaker.reset(); // a window without earlier tests' calls: exactly minimumNumberOfCalls failures follow
        TestBackend.of("event").stop();
        try {
            for (int i = 0; i < 10; i++) {
                expectProblem("/api/v1/events", 503, "service-unavailable", "event service is unavailable");
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            expectProblem("/api/v1/events", 503, "service-unavailable", "circuit open");
        } finally {
            breaker.reset();
        }
    }

    @Test
    void everyRouteHasItsOwnCircuitBreaker() {
        GatewayServiceIT.SERVICES.forEach(s -> web.get().uri("/api/v1/" + firstResourceOf(s)).exchange().expectStatus().isOk());
        assertThat(breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().stream().map(CircuitBreaker::getName))
                .containsAll(GatewayServiceIT.SERVICES);
        CircuitBreaker connector = breakers.getCircuitBreakerRegistry().circuitBreaker("connector");
        assertThat(connector.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(connector.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
    }

    private static String firstResourceOf(String service) {
        return RoutingChecks.OWNERS.entrySet().stream().filter(e -> e.getValue().equals(service)).findFirst().orElseThrow().getKey();
    }

    private void expectProblem(String path, int status, String slug, String detailPart) {
        web.get().uri(path).header("X-Request-Id", "res-" + status).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "res-" + status)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.type").isEqualTo("https://openconnector.org/problems/" + slug)
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(detailPart))
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.traceId").isEqualTo("res-" + status)
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }
}
