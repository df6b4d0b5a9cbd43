package org.openconnector.event.delivery;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** When to try a failed delivery again: the configured schedule with jitter, or the receiver's Retry-After. */
@Component
class RetryPolicy {

    private final DeliveryProperties props;

    RetryPolicy(DeliveryProperties props) {
        this.props = props;
    }

    /** Whether a delivery that has now made {@code attempts} attempts may make another. */
    boolean mayRetry(int attempts) {
        return attempts < props.maxAttempts();
    }

    /** The pause after attempt number {@code attempts} (1-based); Retry-After wins when the receiver sent one. */
    Duration delay(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(props.maxRetryAfter()) > 0 ? props.maxRetryAfter() : retryAfter;
        }
        Duration base = props.retrySchedule().get(Math.min(attempts, props.retrySchedule().size()) - 1);
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * props.jitter();
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
