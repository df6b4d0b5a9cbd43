package org.openconnector.connector.call;

import org.openconnector.common.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each source said about its rate limit ({@code X-RateLimit-Limit/Remaining/Reset},
 * {@code Retry-After}, matched case-insensitively). When a source is exhausted, a call waits for
 * the reset if that fits in its timeout and is refused with a 429 naming the reset otherwise, so
 * nothing hammers a source that said stop. Kept per instance, in memory.
 */
@Component
public class RateLimits {

    public record State(Long limit, Long remaining, Instant reset) {
    }

    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    /** Completes when a call may go (possibly after waiting), or errors with 429. */
    public Mono<Void> permit(UUID source, Duration budget) {
        State s = states.get(source);
        Instant now = Instant.now();
        if (s == null || s.remaining() == null || s.remaining() > 0 || s.reset() == null || !s.reset().isAfter(now)) {
            return Mono.empty();
        }
        Duration wait = Duration.between(now, s.reset());
        if (wait.compareTo(budget) > 0) {
            return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Source " + source + " is rate limited until " + s.reset() + "; not calling it before then"));
        }
        return Mono.delay(wait).then();
    }

    /** Records the limit headers of a response. */
    public void observe(UUID source, int status, HttpHeaders headers) {
        Long limit = number(headers.getFirst("X-RateLimit-Limit"));
        Long remaining = number(headers.getFirst("X-RateLimit-Remaining"));
        Long reset = number(headers.getFirst("X-RateLimit-Reset"));
        Long retryAfter = number(headers.getFirst(HttpHeaders.RETRY_AFTER));
        if (limit == null && remaining == null && reset == null && retryAfter == null) {
            return;
        }
        Instant resetAt = reset == null ? null
                // Some APIs send seconds until reset, others an epoch second: small numbers are deltas.
                : reset < 1_000_000_000L ? Instant.now().plusSeconds(reset) : Instant.ofEpochSecond(reset);
        if (retryAfter != null && (status == 429 || status == 503)) {
            resetAt = Instant.now().plusSeconds(retryAfter);
            remaining = 0L;
        }
        states.put(source, new State(limit, remaining, resetAt));
    }

    public State state(UUID source) {
        return states.get(source);
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
