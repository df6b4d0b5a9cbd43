package org.openconnector.connector.call;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openconnector.common.error.ApiException;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * One circuit breaker per source: 5xx answers, connect errors and timeouts count as failures;
 * refusals by our own checks (ApiException) do not.
 */
@Component
public class Breakers {

    private final CircuitBreakerRegistry registry;

    public Breakers(CallProperties props) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(props.breakerFailureRate())
                .minimumNumberOfCalls(props.breakerMinCalls())
                .slidingWindowSize(Math.max(props.breakerMinCalls(), 20))
                .waitDurationInOpenState(props.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .ignoreExceptions(ApiException.class)
                .recordResult(r -> r instanceof RawResponse raw && raw.status() >= 500)
                .build();
        this.registry = CircuitBreakerRegistry.of(config);
    }

    public CircuitBreaker of(UUID source) {
        return registry.circuitBreaker("source-" + source);
    }
}
