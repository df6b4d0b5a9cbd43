package org.openconnector.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The gateway's own settings ({@code openconnector.gateway.*}). The per-route response timeout
 * and the CORS origins are read by Spring Cloud Gateway from application.yml placeholders.
 *
 * @param responseTimeoutMs default response timeout of a route, in milliseconds
 * @param healthTimeout     how long the health check waits for one service's readiness
 * @param openapiTimeout    how long the aggregated OpenAPI document waits for one service
 * @param circuitBreaker    the default circuit breaker of every route
 */
@ConfigurationProperties("openconnector.gateway")
public record GatewayProperties(@DefaultValue("30000") long responseTimeoutMs,
                                @DefaultValue("2s") Duration healthTimeout,
                                @DefaultValue("3s") Duration openapiTimeout,
                                @DefaultValue CircuitBreaker circuitBreaker) {

    /** Resilience4j settings applied to each route's breaker (named after the route id). */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                 @DefaultValue("20") int slidingWindowSize,
                                 @DefaultValue("10") int minimumNumberOfCalls,
                                 @DefaultValue("30s") Duration waitDurationInOpenState,
                                 @DefaultValue("3") int permittedCallsInHalfOpenState) {
    }
}
