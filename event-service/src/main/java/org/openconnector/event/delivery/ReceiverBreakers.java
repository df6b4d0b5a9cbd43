package org.openconnector.event.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Resilience4j circuit breaker per subscription (the receiver as the owner of a callback sees
 * it), in memory on each replica. A receiver that keeps failing is left alone for {@code openFor}:
 * the claim leaves its subscription out, so its due deliveries wait as they are without an attempt
 * (the retry budget is spent on answers of the receiver, not on our own refusals), while the other
 * subscriptions flow as before. A delivery that reaches the breaker anyway (claimed just before it
 * opened, or beyond the half-open trials) is put back. Each
 * breaker is exported as {@code resilience4j.circuitbreaker.*} with tag {@code name} = subscription id.
 */
@Component
public class ReceiverBreakers {

    private static final UUID[] NONE = new UUID[0];

    private final CircuitBreakerRegistry registry;
    private final BreakerProperties props;
    /** Subscriptions whose breaker is open, with when its open period ends (the claim leaves them out until then). */
    private final Map<UUID, Instant> resting = new ConcurrentHashMap<>();

    ReceiverBreakers(BreakerProperties props, MeterRegistry meters) {
        this.props = props;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(props.window())
                .minimumNumberOfCalls(props.minimumCalls())
                .failureRateThreshold(props.failureRateThreshold())
                .waitDurationInOpenState(props.openFor())
                .permittedNumberOfCallsInHalfOpenState(props.halfOpenCalls())
                // OPEN -> HALF_OPEN on the next permission request after openFor: no timer thread per receiver
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        // automatic OPEN -> HALF_OPEN is off, so Resilience4j keeps no timer we could ask: note when each open period ends
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(t -> {
            UUID id = UUID.fromString(t.getCircuitBreakerName());
            if (t.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                resting.put(id, Instant.now().plus(props.openFor()));
            } else {
                resting.remove(id);
            }
        }));
    }

    /**
     * Whether a fresh delivery may be handed straight to a send: only while the receiver's breaker is
     * closed (half-open trials and open periods go through the claim, which knows what is due).
     */
    boolean admits(UUID subscriptionId) {
        return !props.enabled() || breaker(subscriptionId).getState() == CircuitBreaker.State.CLOSED;
    }

    /**
     * Subscriptions whose breaker is open and whose open period has not ended: claiming their due
     * deliveries only to put them back would cost a claim and an update per message per open period.
     */
    UUID[] resting() {
        if (resting.isEmpty()) {
            return NONE;
        }
        Instant now = Instant.now();
        return resting.entrySet().stream().filter(e -> e.getValue().isAfter(now)).map(Map.Entry::getKey).toArray(UUID[]::new);
    }

    /** Whether a send to this subscription's receiver may go out now; a true must be followed by {@link #record}. */
    boolean tryAcquire(UUID subscriptionId) {
        return !props.enabled() || breaker(subscriptionId).tryAcquirePermission();
    }

    /** Feeds one attempt's outcome to the receiver's breaker. */
    void record(UUID subscriptionId, AttemptResult result) {
        if (!props.enabled()) {
            return;
        }
        CircuitBreaker b = breaker(subscriptionId);
        if (result.delivered()) {
            b.onSuccess(result.durationMs(), TimeUnit.MILLISECONDS);
        } else {
            b.onError(result.durationMs(), TimeUnit.MILLISECONDS, new ReceiverFailed(result));
        }
    }

    /** How long a delivery refused by the breaker waits: the open period, or a moment while trial sends run. */
    java.time.Duration deferral(UUID subscriptionId) {
        java.time.Duration probe = java.time.Duration.ofSeconds(1);
        return state(subscriptionId) == CircuitBreaker.State.OPEN || props.openFor().compareTo(probe) < 0 ? props.openFor() : probe;
    }

    /** Gives back a permission that was not used (the send was cancelled). */
    void release(UUID subscriptionId) {
        if (props.enabled()) {
            breaker(subscriptionId).releasePermission();
        }
    }

    /** The receiver's breaker state, for operators and tests. */
    public CircuitBreaker.State state(UUID subscriptionId) {
        return breaker(subscriptionId).getState();
    }

    private CircuitBreaker breaker(UUID subscriptionId) {
        return registry.circuitBreaker(subscriptionId.toString());
    }

    /** What the breaker counts as an error; it carries no stack trace, it is never thrown. */
    private static final class ReceiverFailed extends RuntimeException {
        ReceiverFailed(AttemptResult r) {
            super(r.statusCode() != null ? "HTTP " + r.statusCode() : r.error(), null, false, false);
        }
    }
}
