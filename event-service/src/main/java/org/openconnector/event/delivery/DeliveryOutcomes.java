package org.openconnector.event.delivery;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.event.definition.EventService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records one attempt and what it means for the message (delivered, retrying, failed) and the
 * subscription (410 Gone or failing for {@code disableAfter} disables it), in one transaction
 * with the outcome events.
 */
@Component
class DeliveryOutcomes {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final RetryPolicy retries;
    private final DeliveryProperties props;
    private final JsonMapper json;

    DeliveryOutcomes(DatabaseClient db, TransactionalOperator tx, OutboxWriter outbox, RetryPolicy retries,
                     DeliveryProperties props, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.retries = retries;
        this.props = props;
        this.json = json;
    }

    /** Emits the message's new status. */
    Mono<String> record(Claimed c, AttemptResult result) {
        int attempts = c.attempts() + 1;
        String status = result.delivered() ? "delivered"
                : !result.gone() && retries.mayRetry(attempts) ? "retrying" : "failed";
        Instant next = "retrying".equals(status) ? Instant.now().plus(retries.delay(attempts, result.retryAfter())) : null;
        Mono<Void> work = recordAttempt(c, result, status, attempts, next)
                .then(result.delivered() ? healthy(c) : failing(c, result))
                .then("retrying".equals(status) ? Mono.empty() : publishOutcome(c, result, status, attempts));
        return tx.transactional(work).thenReturn(status);
    }

    /**
     * Puts a message back without an attempt (its receiver's breaker is open): same status and
     * attempt count, due again after {@code delay}. Emits "deferred" (the metrics tag).
     */
    Mono<String> defer(Claimed c, java.time.Duration delay) {
        return db.sql("update event_message set next_attempt = :next, locked_until = null, updated = now() "
                        + "where id = :id returning id")
                .bind("id", c.id()).bind("next", Instant.now().plus(delay))
                .map(row -> "deferred").one();
    }

    /** The message's new state and its attempt row, in one statement. */
    private Mono<Void> recordAttempt(Claimed c, AttemptResult r, String status, int attempts, Instant next) {
        var spec = db.sql("with m as (update event_message set status = :status, attempts = :attempts, last_attempt = :at, "
                        + "last_status_code = :code, last_error = :error, next_attempt = :next, locked_until = null, "
                        + "updated = now() where id = :id returning id) "
                        + "insert into event_message_attempt (message_id, attempted_at, status_code, duration_ms, response, error) "
                        + "select id, :at, :code, :ms, :response, :error from m")
                .bind("id", c.id()).bind("status", status).bind("attempts", attempts).bind("at", r.at()).bind("ms", r.durationMs());
        spec = r.statusCode() == null ? spec.bindNull("code", Integer.class) : spec.bind("code", r.statusCode());
        spec = r.error() == null ? spec.bindNull("error", String.class) : spec.bind("error", r.error());
        spec = r.response() == null ? spec.bindNull("response", String.class) : spec.bind("response", r.response());
        spec = next == null ? spec.bindNull("next", Instant.class) : spec.bind("next", next);
        return spec.then();
    }

    private Mono<Void> healthy(Claimed c) {
        if (!c.failing()) {
            return Mono.empty();
        }
        return db.sql("update subscription set failing_since = null where id = :id and failing_since is not null")
                .bind("id", c.subscriptionId()).then();
    }

    /** 410 Gone disables at once; otherwise after failing without a single success for {@code disableAfter}. */
    private Mono<Void> failing(Claimed c, AttemptResult r) {
        Mono<Boolean> disable = r.gone() ? Mono.just(true)
                : db.sql("update subscription set failing_since = coalesce(failing_since, now()) where id = :id returning failing_since")
                .bind("id", c.subscriptionId()).map(row -> row.get(0, java.time.OffsetDateTime.class)).one()
                .map(since -> since.toInstant().plus(props.disableAfter()).isBefore(Instant.now()))
                .defaultIfEmpty(false);
        String reason = r.gone() ? "receiver answered 410 Gone" : "failing continuously for " + props.disableAfter();
        return disable.flatMap(yes -> !yes ? Mono.<Void>empty()
                : db.sql("update subscription set is_enabled = false, disabled_reason = :reason, updated = now() "
                                + "where id = :id and is_enabled")
                        .bind("id", c.subscriptionId()).bind("reason", reason).fetch().rowsUpdated()
                        .flatMap(n -> n == 0 ? Mono.<Void>empty() : outbox.append(Topics.PLATFORM_EVENTS,
                                CloudEvent.of(EventService.SOURCE, "org.openconnector.subscription.disabled",
                                        c.subscriptionId().toString(), json.valueToTree(Map.of(
                                                "subscriptionId", c.subscriptionId().toString(),
                                                "eventId", c.eventId().toString(), "reason", reason))))));
    }

    private Mono<Void> publishOutcome(Claimed c, AttemptResult r, String status, int attempts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", c.id().toString());
        data.put("eventId", c.eventId().toString());
        data.put("subscriptionId", c.subscriptionId().toString());
        data.put("cloudEventId", c.cloudEventId());
        data.put("eventType", c.eventType());
        data.put("status", status);
        data.put("attempts", attempts);
        data.put("statusCode", r.statusCode());
        data.put("error", r.error());
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(EventService.SOURCE,
                FanOut.OWN_OUTCOMES + status, c.id().toString(), json.valueToTree(data)));
    }
}
