package org.openconnector.event;

import org.junit.jupiter.api.Test;
import org.openconnector.event.delivery.Retention;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** oneTime, allowDuplicates, scheduleAfter, retention and disabling a subscription that keeps failing. */
abstract class DefinitionBehaviourScenarios extends ScenarioSupport {

    @Autowired
    private Retention retention;

    @Test
    void aOneTimeEventSwitchesItselfOffAfterItsFirstTrigger() {
        WebhookReceiver receiver = receiver();
        String eventId = createEvent(uniqueType("once"), Map.of("oneTime", true));
        String sub = (String) subscribe(eventId, receiver.url("/once"), Map.of()).get("id");
        trigger(eventId, Map.of());
        awaitMessages("subscriptionId=" + sub, 1, "delivered");
        web.get().uri("/api/v1/events/{id}", eventId).exchange().expectBody()
                .jsonPath("$.isEnabled").isEqualTo(false).jsonPath("$.lastTriggered").isNotEmpty();

        trigger(eventId, Map.of());
        String sentinelEvent = createEvent(uniqueType("sentinel"), Map.of());
        String sentinelSub = (String) subscribe(sentinelEvent, receiver.url("/sentinel"), Map.of()).get("id");
        trigger(sentinelEvent, Map.of());
        awaitMessages("subscriptionId=" + sentinelSub, 1, "delivered");
        assertThat(messages("subscriptionId=" + sub)).hasSize(1);
    }

    @Test
    void withoutDuplicatesTheSameContentIsDeliveredOnce() {
        WebhookReceiver receiver = receiver();
        String eventId = createEvent(uniqueType("nodup"), Map.of("allowDuplicates", false));
        String sub = (String) subscribe(eventId, receiver.url("/nodup"), Map.of()).get("id");
        trigger(eventId, Map.of("data", Map.of("v", 1)));
        trigger(eventId, Map.of("data", Map.of("v", 1)));
        trigger(eventId, Map.of("data", Map.of("v", 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().anyMatch(r -> value(r) == 2));
        awaitMessages("subscriptionId=" + sub, 2, "delivered");
        assertThat(receiver.received()).filteredOn(r -> value(r) == 1).hasSize(1);
    }

    private static int value(WebhookReceiver.Received r) {
        return JsonMapper.builder().build().readTree(r.body()).get("data").get("v").asInt();
    }

    @Test
    void scheduleAfterDelaysTheDelivery() {
        WebhookReceiver receiver = receiver();
        String eventId = createEvent(uniqueType("later"), Map.of("scheduleAfter", "PT1H"));
        String sub = (String) subscribe(eventId, receiver.url("/later"), Map.of()).get("id");
        trigger(eventId, Map.of());
        Map<String, Object> message = await().atMost(Duration.ofSeconds(20)).until(() -> messages("subscriptionId=" + sub),
                l -> l.size() == 1).get(0);
        assertThat(message.get("status")).isEqualTo("pending");
        assertThat(Instant.parse((String) message.get("nextAttempt"))).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        web.get().uri("/api/v1/events/{id}", eventId).exchange().expectBody().jsonPath("$.nextTrigger").isNotEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void prunesDeliveredAndFailedMessagesAfterTheirRetention() {
        WebhookReceiver ok = receiver();
        WebhookReceiver broken = receiver().respond(r -> Reply.of(500));
        String eventId = createEvent(uniqueType("retention"), Map.of("retentionPeriod", 60, "errorRetention", 3600));
        String good = (String) subscribe(eventId, ok.url("/ok"), Map.of()).get("id");
        String bad = (String) subscribe(eventId, broken.url("/bad"), Map.of()).get("id");
        trigger(eventId, Map.of());
        awaitMessages("subscriptionId=" + good, 1, "delivered");
        awaitMessages("subscriptionId=" + bad, 1, "failed");

        db.sql("update event_message set updated = now() - interval '2 minutes' where event_id = cast(:id as uuid)")
                .bind("id", eventId).then().block();
        retention.pruneOnce().block();
        assertThat(messages("eventId=" + eventId)).extracting(m -> m.get("subscriptionId")).containsExactly(bad);

        db.sql("update event_message set updated = now() - interval '2 hours' where event_id = cast(:id as uuid)")
                .bind("id", eventId).then().block();
        retention.pruneOnce().block();
        assertThat(messages("eventId=" + eventId)).isEmpty();
        assertThat(count("select count(*) from event_message_attempt a where not exists "
                + "(select 1 from event_message m where m.id = a.message_id)")).isZero();
    }

    @Test
    void disablesASubscriptionThatHasFailedForTooLong() {
        WebhookReceiver broken = receiver().respond(r -> Reply.of(502));
        String eventId = createEvent(uniqueType("chronic"), Map.of());
        String sub = (String) subscribe(eventId, broken.url("/broken"), Map.of()).get("id");
        db.sql("update subscription set failing_since = now() - interval '6 days' where id = cast(:id as uuid)")
                .bind("id", sub).then().block();
        trigger(eventId, Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> !broken.received().isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from subscription where id = cast(:p0 as uuid) and not is_enabled", sub) == 1);
        web.get().uri("/api/v1/subscriptions/{id}", sub).exchange().expectBody()
                .jsonPath("$.disabledReason").value(r -> assertThat((String) r).startsWith("failing continuously"));
        List<Map<String, Object>> waiting = messages("subscriptionId=" + sub);
        assertThat(waiting).singleElement().satisfies(m -> assertThat(m.get("status")).isEqualTo("retrying"));
    }
}
