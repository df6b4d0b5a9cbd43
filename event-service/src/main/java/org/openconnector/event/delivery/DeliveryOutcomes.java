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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a batch of outcomes in one transaction: each message's new state and its attempt row (one
 * statement for the whole batch), put-back deferrals, what the attempts mean for their
 * subscriptions (see {@link SubscriptionHealth}) and the outcome events. Until this commits the
 * messages keep their leases, so a crash before it re-sends them (same webhook-id), never loses one.
 */
@Component
class DeliveryOutcomes {

    private static final String RECORD_ATTEMPTS = """
            with t as (
                select * from unnest(cast(:ids as uuid[]), cast(:statuses as text[]), cast(:attempts as int[]),
                                     cast(:ats as timestamptz[]), cast(:codes as int[]), cast(:errors as text[]),
                                     cast(:nexts as timestamptz[]), cast(:ms as bigint[]), cast(:responses as text[]))
                    with ordinality as t(id, status, attempts, at, code, error, next, ms, response, n)
            ), m as (
                update event_message m set status = t.status, attempts = t.attempts, last_attempt = t.at,
                    last_status_code = t.code, last_error = t.error, next_attempt = t.next, locked_until = null, updated = now()
                from t where m.id = t.id returning m.id
            )
            insert into event_message_attempt (message_id, attempted_at, status_code, duration_ms, response, error)
            select t.id, t.at, t.code, t.ms, t.response, t.error from t where t.id in (select id from m) order by t.n
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final SubscriptionHealth health;
    private final DeliveryProperties props;
    private final JsonMapper json;

    DeliveryOutcomes(DatabaseClient db, TransactionalOperator tx, OutboxWriter outbox, SubscriptionHealth health,
                     DeliveryProperties props, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.health = health;
        this.props = props;
        this.json = json;
    }

    Mono<Void> write(List<Outcome> batch) {
        List<Outcome> attempted = batch.stream().filter(Outcome::attempted).toList();
        List<Outcome> deferred = batch.stream().filter(o -> !o.attempted()).toList();
        Mono<Void> work = recordAttempts(attempted)
                .then(putBack(deferred))
                .then(health.update(attempted))
                .then(publish(attempted));
        return tx.transactional(work);
    }

    private Mono<Void> recordAttempts(List<Outcome> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(RECORD_ATTEMPTS)
                .bind("ids", batch.stream().map(o -> o.claimed().id()).toArray(UUID[]::new))
                .bind("statuses", texts(batch, Outcome::status))
                .bind("attempts", texts(batch, Outcome::attempts))
                .bind("ats", texts(batch, o -> o.result().at()))
                .bind("codes", texts(batch, o -> o.result().statusCode()))
                .bind("errors", texts(batch, o -> o.result().error()))
                .bind("nexts", texts(batch, Outcome::next))
                .bind("ms", texts(batch, o -> o.result().durationMs()))
                .bind("responses", texts(batch, o -> o.result().response()))
                .then();
    }

    /** The breaker refused these: same status and attempt count, due again later, lease handed back. */
    private Mono<Void> putBack(List<Outcome> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update event_message m set next_attempt = t.next, locked_until = null, updated = now() "
                        + "from unnest(cast(:ids as uuid[]), cast(:nexts as timestamptz[])) as t(id, next) where m.id = t.id")
                .bind("ids", batch.stream().map(o -> o.claimed().id()).toArray(UUID[]::new))
                .bind("nexts", texts(batch, Outcome::next))
                .then();
    }

    /** Failed deliveries always; delivered ones when {@code publish-delivered} is on. */
    private Mono<Void> publish(List<Outcome> batch) {
        List<CloudEvent> events = batch.stream().filter(Outcome::finished)
                .filter(o -> props.publishDelivered() || !"delivered".equals(o.status()))
                .map(this::event).toList();
        return outbox.appendAll(Topics.PLATFORM_EVENTS, events);
    }

    private CloudEvent event(Outcome o) {
        Claimed c = o.claimed();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", c.id().toString());
        data.put("eventId", c.eventId().toString());
        data.put("subscriptionId", c.subscriptionId().toString());
        data.put("cloudEventId", c.cloudEventId());
        data.put("eventType", c.eventType());
        data.put("status", o.status());
        data.put("attempts", o.attempts());
        data.put("statusCode", o.result().statusCode());
        data.put("error", o.result().error());
        return CloudEvent.of(EventService.SOURCE, FanOut.OWN_OUTCOMES + o.status(), c.id().toString(), json.valueToTree(data));
    }

    /** Array parameters go as text[] and are cast in SQL: nulls and timestamps then bind the same way for every type. */
    private static String[] texts(List<Outcome> batch, java.util.function.Function<Outcome, Object> value) {
        return batch.stream().map(value).map(v -> v == null ? null : Objects.toString(v)).toArray(String[]::new);
    }
}
