package org.openconnector.event.delivery;

import org.junit.jupiter.api.Test;
import org.openconnector.event.support.ScenarioSupport;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One batch of outcomes of every kind, written by {@link DeliveryOutcomes} in one transaction: each
 * message gets its own status, attempt count, next attempt and attempt row, each subscription what
 * its last attempt means, and the outcome events go to the outbox. The messages are inserted already
 * leased (as a claim leaves them), so the running dispatcher never touches them.
 */
public abstract class OutcomeBatchScenarios extends ScenarioSupport {

    @Autowired
    private DeliveryOutcomes outcomes;

    @Autowired
    private RetryPolicy retries;

    @Autowired
    private DeliveryProperties props;

    @Test
    public void aBatchWithMixedOutcomesWritesEachCorrectly() {
        UUID event = UUID.randomUUID();
        db.sql("insert into event (id, name, event_type) values (:id, 'batch', :type)").bind("id", event)
                .bind("type", uniqueType("batch")).then().block();
        UUID recovering = subscription(event, true);
        UUID flaky = subscription(event, false);
        UUID dead = subscription(event, false);
        UUID gone = subscription(event, false);
        UUID open = subscription(event, true);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Claimed delivered = leased(event, recovering, 0, true);
        Claimed retrying = leased(event, flaky, 0, false);
        Claimed lastAttempt = leased(event, dead, props.maxAttempts() - 1, false);
        Claimed gone410 = leased(event, gone, 0, false);
        Claimed refused = leased(event, open, 2, true);
        Outcome deferral = Outcome.deferred(refused, Duration.ofMinutes(7));

        outcomes.write(List.of(
                Outcome.of(delivered, new AttemptResult(at, 204, 12, "", null, null), retries),
                Outcome.of(retrying, new AttemptResult(at, 503, 30, "busy", null, Duration.ofMinutes(3)), retries),
                Outcome.of(lastAttempt, AttemptResult.failed(at, 5000, new java.util.concurrent.TimeoutException("no answer")), retries),
                Outcome.of(gone410, new AttemptResult(at, 410, 8, "bye", null, null), retries),
                deferral)).block();

        assertThat(message(delivered)).containsEntry("status", "delivered").containsEntry("attempts", 1)
                .containsEntry("last_status_code", 204).containsEntry("next_attempt", null).containsEntry("locked_until", null);
        assertThat(message(retrying)).containsEntry("status", "retrying").containsEntry("attempts", 1)
                .containsEntry("last_status_code", 503).containsEntry("locked_until", null);
        // Retry-After: 3 min, no jitter
        assertThat(((OffsetDateTime) message(retrying).get("next_attempt")).toInstant())
                .isBetween(at.plus(Duration.ofMinutes(3)), Instant.now().plus(Duration.ofMinutes(3)));
        assertThat(message(lastAttempt)).containsEntry("status", "failed").containsEntry("attempts", props.maxAttempts())
                .containsEntry("last_status_code", null).containsEntry("last_error", "no answer").containsEntry("next_attempt", null);
        assertThat(message(gone410)).containsEntry("status", "failed").containsEntry("attempts", 1).containsEntry("last_status_code", 410);
        // a deferral spends no attempt and writes no attempt row; only the due time moves and the lease is handed back
        assertThat(message(refused)).containsEntry("status", "retrying").containsEntry("attempts", 2).containsEntry("locked_until", null);
        assertThat(((OffsetDateTime) message(refused).get("next_attempt")).toInstant())
                .isBetween(deferral.next().minusMillis(1), deferral.next().plusMillis(1));

        assertThat(attemptRows(delivered)).singleElement().satisfies(a -> assertThat(a).containsEntry("status_code", 204)
                .containsEntry("duration_ms", 12L).containsEntry("response", ""));
        assertThat(attemptRows(retrying)).singleElement().satisfies(a -> assertThat(a).containsEntry("response", "busy"));
        assertThat(attemptRows(lastAttempt)).singleElement().satisfies(a -> assertThat(a).containsEntry("status_code", null)
                .containsEntry("error", "no answer"));
        assertThat(attemptRows(gone410)).hasSize(1);
        assertThat(attemptRows(refused)).isEmpty();

        assertThat(subscriptionRow(recovering)).containsEntry("failing_since", null).containsEntry("is_enabled", true);
        assertThat(subscriptionRow(flaky).get("failing_since")).isNotNull();
        assertThat(subscriptionRow(flaky)).containsEntry("is_enabled", true);
        assertThat(subscriptionRow(gone)).containsEntry("is_enabled", false).containsEntry("disabled_reason", "receiver answered 410 Gone");
        // untouched by a deferral: it stays failing as it was
        assertThat(subscriptionRow(open).get("failing_since")).isNotNull();

        assertThat(outcomeEvents(delivered)).containsExactly("org.openconnector.event.message.delivered");
        assertThat(outcomeEvents(retrying)).isEmpty();
        assertThat(outcomeEvents(lastAttempt)).containsExactly("org.openconnector.event.message.failed");
        assertThat(outcomeEvents(gone410)).containsExactly("org.openconnector.event.message.failed");
        assertThat(outcomeEvents(refused)).isEmpty();
        assertThat(count("select count(*) from outbox where payload::jsonb->>'type' = 'org.openconnector.subscription.disabled' "
                + "and message_key = :p0", gone.toString())).isEqualTo(1);
    }

    private UUID subscription(UUID event, boolean failing) {
        UUID id = UUID.randomUUID();
        db.sql("insert into subscription (id, event_id, callback_url, secret, failing_since) values (:id, :event, "
                        + "'http://127.0.0.1:9/none', 'unused', case when :failing then now() - interval '1 hour' end)")
                .bind("id", id).bind("event", event).bind("failing", failing).then().block();
        return id;
    }

    /** A message as a claim leaves it: leased for an hour, so the running dispatcher leaves it alone. */
    private Claimed leased(UUID event, UUID subscription, int attempts, boolean failing) {
        UUID id = UUID.randomUUID();
        String ce = UUID.randomUUID().toString();
        db.sql("insert into event_message (id, event_id, subscription_id, cloud_event_id, event_type, payload, status, attempts, "
                        + "next_attempt, locked_until) values (:id, :event, :sub, :ce, 'batch', '{}', :status, :attempts, now(), "
                        + "now() + interval '1 hour')")
                .bind("id", id).bind("event", event).bind("sub", subscription).bind("ce", ce)
                .bind("status", attempts == 0 ? "pending" : "retrying").bind("attempts", attempts).then().block();
        return new Claimed(id, event, subscription, ce, "batch", "{}", attempts, "http://127.0.0.1:9/none", List.of(),
                Duration.ofSeconds(5), Instant.now(), failing);
    }

    private Map<String, Object> message(Claimed c) {
        return db.sql("select status, attempts, last_status_code, last_error, next_attempt, locked_until from event_message where id = :id")
                .bind("id", c.id()).fetch().one().block();
    }

    private List<Map<String, Object>> attemptRows(Claimed c) {
        return db.sql("select status_code, duration_ms, response, error from event_message_attempt where message_id = :id")
                .bind("id", c.id()).fetch().all().collectList().block();
    }

    private Map<String, Object> subscriptionRow(UUID id) {
        return db.sql("select failing_since, is_enabled, disabled_reason from subscription where id = :id")
                .bind("id", id).fetch().one().block();
    }

    private List<String> outcomeEvents(Claimed c) {
        return db.sql("select payload::jsonb->>'type' as type from outbox where message_key = :key")
                .bind("key", c.id().toString()).map(row -> row.get("type", String.class)).all().collectList().block();
    }
}
