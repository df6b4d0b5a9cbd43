package org.openconnector.event.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one POST to a receiver came to: a status code and the start of the answer, or an error
 * (connection refused, timeout, destination refused) and no status code.
 */
record AttemptResult(Instant at, Integer statusCode, long durationMs, String response, String error, Duration retryAfter) {

    boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    static AttemptResult failed(Instant at, long durationMs, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new AttemptResult(at, null, durationMs, null, message.length() > 500 ? message.substring(0, 500) : message, null);
    }
}
