package org.openconnector.gateway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One service as the gateway sees it: UP only when its readiness probe answers 200 with status
 * UP within the timeout. Readiness (not overall health) because it is what says the service can
 * take traffic now, and it is cheap: no downstream checks of its own.
 */
class ServiceHealthIndicator implements ReactiveHealthIndicator {

    static final String READINESS_PATH = "/actuator/health/readiness";

    private final WebClient web;
    private final URI readiness;
    private final Duration timeout;

    ServiceHealthIndicator(WebClient web, URI baseUrl, Duration timeout) {
        this.web = web;
        this.readiness = URI.create(baseUrl.toString().replaceAll("/+$", "") + READINESS_PATH);
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return web.get().uri(readiness)
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .map(body -> body.path("status").asString("UNKNOWN"))
                        .defaultIfEmpty("UNKNOWN")
                        .onErrorReturn("UNREADABLE")
                        .map(status -> toHealth(response.statusCode(), status)))
                .timeout(timeout)
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("url", readiness.toString())
                        .withDetail("error", describe(error))
                        .build()));
    }

    private Health toHealth(HttpStatusCode code, String status) {
        Health.Builder builder = code.is2xxSuccessful() && "UP".equals(status) ? Health.up() : Health.down();
        return builder.withDetail("url", readiness.toString())
                .withDetail("httpStatus", code.value())
                .withDetail("status", status)
                .build();
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
