package org.openconnector.event.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What becomes of one claimed delivery once its attempt is over, waiting to be written with others
 * of the same batch. Either an attempt ({@code result} set: status {@code delivered}, {@code retrying}
 * or {@code failed}) or a deferral ({@code result} null, status {@code deferred}: the receiver's
 * breaker refused the send, so no attempt is spent and the message is due again at {@code next}).
 *
 * @param attempts the message's attempt count after this outcome
 * @param next     when the message is due again; null when it is done (delivered or failed)
 */
record Outcome(Claimed claimed, AttemptResult result, String status, int attempts, Instant next) {

    static final String DEFERRED = "deferred";

    static Outcome of(Claimed c, AttemptResult r, RetryPolicy retries) {
        int attempts = c.attempts() + 1;
        String status = r.delivered() ? "delivered" : !r.gone() && retries.mayRetry(attempts) ? "retrying" : "failed";
        Instant next = "retrying".equals(status) ? Instant.now().plus(retries.delay(attempts, r.retryAfter())) : null;
        return new Outcome(c, r, status, attempts, next);
    }

    static Outcome deferred(Claimed c, Duration delay) {
        return new Outcome(c, null, DEFERRED, c.attempts(), Instant.now().plus(delay));
    }

    boolean attempted() {
        return result != null;
    }

    /** Delivered and failed end the delivery; those are the outcomes published as events. */
    boolean finished() {
        return "delivered".equals(status) || "failed".equals(status);
    }
}
