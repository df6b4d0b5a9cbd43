package org.openconnector.event;

import org.junit.jupiter.api.Test;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.StandardWebhooks;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Received;
import org.openconnector.event.support.WebhookReceiver.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Platform events reach matching subscribers as signed structured CloudEvents, with retries. */
abstract class DeliveryScenarios extends ScenarioSupport {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void deliversATriggeredEventAsASignedStructuredCloudEvent() {
        WebhookReceiver receiver = receiver();
        String type = uniqueType("order.shipped");
        String eventId = createEvent(type, Map.of("payload", Map.of("default", true)));
        Map<String, Object> subscription = subscribe(eventId, receiver.url("/hooks/a"), Map.of());
        String secret = (String) subscription.get("secret");

        Map<String, Object> published = trigger(eventId, Map.of("data", Map.of("order", 42)));

        Received got = await().atMost(Duration.ofSeconds(20)).until(receiver::received, l -> !l.isEmpty()).get(0);
        assertThat(got.path()).isEqualTo("/hooks/a");
        assertThat(got.header("content-type")).startsWith("application/cloudevents+json");
        assertThat(StandardWebhooks.verify(secret, got.header("webhook-id"), got.header("webhook-timestamp"),
                got.header("webhook-signature"), got.body())).isTrue();
        assertThat(StandardWebhooks.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                got.header("webhook-id"), got.header("webhook-timestamp"), got.header("webhook-signature"), got.body())).isFalse();
        JsonNode body = json.readTree(got.body());
        assertThat(body.get("specversion").asString()).isEqualTo("1.0");
        assertThat(body.get("id").asString()).isEqualTo(published.get("id"));
        assertThat(body.get("type").asString()).isEqualTo(type);
        assertThat(body.get("source").asString()).isEqualTo("/event-service");
        assertThat(body.get("subject").asString()).isEqualTo(eventId);
        assertThat(body.get("time")).isNotNull();
        assertThat(body.get("data").get("order").asInt()).isEqualTo(42);

        Map<String, Object> message = awaitMessages("subscriptionId=" + subscription.get("id"), 1, "delivered").get(0);
        assertThat(message).containsEntry("webhookId", got.header("webhook-id")).containsEntry("attemptCount", 1)
                .containsEntry("lastStatusCode", 200).containsEntry("cloudEventId", published.get("id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> attempt = ((List<Map<String, Object>>) message.get("attempts")).get(0);
        assertThat(attempt).containsEntry("statusCode", 200).containsEntry("response", "answer 200");
        assertThat(attempt.get("time")).isNotNull();

        // the outcome is published for Kafka subscribers but never fanned out again
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from outbox where payload::jsonb->>'type' = 'org.openconnector.event.message.delivered' and message_key = :p0",
                message.get("id")) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from outbox where sent_at is not null and message_key = :p0", message.get("id")) == 1);
        web.get().uri("/api/v1/events/{id}", eventId).exchange().expectBody()
                .jsonPath("$.lastTriggered").isNotEmpty();
        assertThat(count("select count(*) from event_message where event_type like 'org.openconnector.event.message.%'")).isZero();
    }

    @Test
    void matchesOtherServicesEventsByPrefixAndSubscriptionFilters() {
        WebhookReceiver all = receiver();
        WebhookReceiver filtered = receiver();
        String stem = uniqueType("synchronization");
        String eventId = createEvent(stem + ".*", Map.of());
        subscribe(eventId, all.url("/all"), Map.of());
        subscribe(eventId, filtered.url("/filtered"), Map.of("filters", Map.of("subject", "keep-*", "source", "/sync-service")));

        publishRaw("s1", cloudEvent(UUID.randomUUID().toString(), stem + ".object.updated", "keep-1"));
        publishRaw("s2", cloudEvent(UUID.randomUUID().toString(), stem + ".object.deleted", "drop-2"));
        publishRaw("s3", cloudEvent(UUID.randomUUID().toString(), stem + "x.not.matching", "keep-3"));
        publishRaw("s4", cloudEvent(UUID.randomUUID().toString(), stem + ".run.finished", "keep-4"));

        await().atMost(Duration.ofSeconds(20)).until(() -> all.received().size() == 3 && filtered.received().size() == 2);
        assertThat(filtered.received()).extracting(r -> json.readTree(r.body()).get("subject").asString())
                .containsExactlyInAnyOrder("keep-1", "keep-4");
        assertThat(all.received()).extracting(r -> json.readTree(r.body()).get("type").asString())
                .noneMatch(t -> t.contains("x.not.matching"));
    }

    @Test
    void retriesFailuresUntilTheReceiverAnswersWithTheSameWebhookId() {
        AtomicInteger calls = new AtomicInteger();
        WebhookReceiver receiver = receiver().respond(r -> switch (calls.incrementAndGet()) {
            case 1 -> Reply.of(503);
            case 2 -> new Reply(429, Map.of("Retry-After", "0"), "slow down");
            default -> Reply.of(204);
        });
        String eventId = createEvent(uniqueType("flaky"), Map.of());
        String subscriptionId = (String) subscribe(eventId, receiver.url("/flaky"), Map.of()).get("id");

        trigger(eventId, Map.of());

        Map<String, Object> message = awaitMessages("subscriptionId=" + subscriptionId, 1, "delivered").get(0);
        assertThat(message).containsEntry("attemptCount", 3).containsEntry("lastStatusCode", 204);
        assertThat(receiver.received()).hasSize(3).extracting(r -> r.header("webhook-id")).containsOnly((String) message.get("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) message.get("attempts");
        assertThat(attempts).extracting(a -> a.get("statusCode")).containsExactly(503, 429, 204);
        assertThat(attempts.get(1)).containsEntry("response", "slow down");
    }

    static String cloudEvent(String id, String type, String subject) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/sync-service\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"time\":\"2026-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"n\":1},\"traceparent\":\"00-abc-def-01\"}";
    }
}
