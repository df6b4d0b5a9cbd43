package org.openconnector.event;

import org.junit.jupiter.api.Test;
import org.openconnector.common.crypto.SecretCipher;
import org.openconnector.event.delivery.Dispatcher;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At least once, never twice from Kafka, isolated receivers, dead letters, replay, restart. */
abstract class ReliabilityScenarios extends ScenarioSupport {

    @Autowired
    private Dispatcher dispatcher;

    @Autowired
    private SecretCipher cipher;

    @Test
    void aHangingReceiverDoesNotHoldUpAnotherAndEndsAsFailedAfterMaxAttempts() {
        WebhookReceiver hanging = receiver().respond(r -> null);
        WebhookReceiver healthy = receiver();
        String eventId = createEvent(uniqueType("isolation"), Map.of("timeout", 2));
        String deadSub = (String) subscribe(eventId, hanging.url("/never"), Map.of()).get("id");
        String liveSub = (String) subscribe(eventId, healthy.url("/fine"), Map.of()).get("id");

        for (int i = 0; i < 4; i++) {
            trigger(eventId, Map.of("data", Map.of("n", i)));
        }

        // all reach the healthy receiver while the hanging one's deliveries are still unresolved
        // (each of those needs 4 attempts of 2 s before it can fail)
        await().atMost(Duration.ofSeconds(20)).until(() -> healthy.received().size() == 4);
        assertThat(messages("subscriptionId=" + deadSub)).hasSize(4).noneMatch(m -> "failed".equals(m.get("status")));
        awaitMessages("subscriptionId=" + liveSub, 4, "delivered");

        List<Map<String, Object>> dead = awaitMessages("subscriptionId=" + deadSub, 4, "failed");
        assertThat(dead).allSatisfy(m -> {
            assertThat(m).containsEntry("attemptCount", 4).containsEntry("lastStatusCode", null);
            assertThat((String) m.get("lastError")).contains("no answer within 2000 ms");
        });
        assertThat(hanging.received()).hasSize(16);
    }

    @Test
    void aRedeliveredKafkaRecordIsDeliveredOnce() {
        WebhookReceiver receiver = receiver();
        String type = uniqueType("redelivered");
        String eventId = createEvent(type, Map.of());
        String sub = (String) subscribe(eventId, receiver.url("/once"), Map.of()).get("id");
        String duplicateId = UUID.randomUUID().toString();

        String record = DeliveryScenarios.cloudEvent(duplicateId, type, "same");
        publishRaw("k", record);
        publishRaw("k", record);
        String sentinel = UUID.randomUUID().toString();
        publishRaw("k", DeliveryScenarios.cloudEvent(sentinel, type, "after"));

        // one partition: once the later record is delivered, both copies before it were consumed
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains(sentinel)));
        awaitMessages("subscriptionId=" + sub, 2, "delivered");
        assertThat(receiver.received().stream().filter(r -> r.body().contains(duplicateId))).hasSize(1);
        assertThat(count("select count(*) from event_message where cloud_event_id = :p0", duplicateId)).isEqualTo(1);
    }

    @Test
    void replaysDeadLettersWithTheSameWebhookId() {
        WebhookReceiver receiver = receiver().respond(r -> Reply.of(500));
        String eventId = createEvent(uniqueType("replay"), Map.of());
        String sub = (String) subscribe(eventId, receiver.url("/down"), Map.of()).get("id");
        Instant before = Instant.now().minusSeconds(5);
        trigger(eventId, Map.of());
        trigger(eventId, Map.of());
        List<Map<String, Object>> failed = awaitMessages("subscriptionId=" + sub, 2, "failed");
        assertThat(failed).allSatisfy(m -> assertThat(m).containsEntry("attemptCount", 4).containsEntry("lastStatusCode", 500));
        assertThat(count("select count(*) from outbox where payload::jsonb->>'type' = 'org.openconnector.event.message.failed' "
                + "and payload::jsonb->'data'->>'subscriptionId' = :p0", sub)).isEqualTo(2);

        receiver.respond(r -> Reply.of(200));
        web.post().uri("/api/v1/event-messages/retry").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subscriptionId", sub, "status", "failed", "from", before.toString())).exchange()
                .expectStatus().isAccepted().expectBody().jsonPath("$.retried").isEqualTo(2);

        List<Map<String, Object>> delivered = awaitMessages("subscriptionId=" + sub, 2, "delivered");
        List<String> webhookIds = delivered.stream().map(m -> (String) m.get("webhookId")).toList();
        assertThat(receiver.received()).hasSize(10).extracting(r -> r.header("webhook-id")).containsOnlyElementsOf(webhookIds);
        assertThat(delivered).allSatisfy(m -> assertThat((List<?>) m.get("attempts")).hasSize(5));

        // a single message can be replayed too, even once delivered
        String one = webhookIds.get(0);
        web.post().uri("/api/v1/event-messages/{id}/retry", one).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 11);
        assertThat(receiver.received().get(10).header("webhook-id")).isEqualTo(one);
    }

    @Test
    void aGoneReceiverDisablesItsSubscription() {
        WebhookReceiver receiver = receiver().respond(r -> Reply.of(410));
        String eventId = createEvent(uniqueType("gone"), Map.of());
        String sub = (String) subscribe(eventId, receiver.url("/gone"), Map.of()).get("id");
        trigger(eventId, Map.of());

        awaitMessages("subscriptionId=" + sub, 1, "failed");
        web.get().uri("/api/v1/subscriptions/{id}", sub).exchange().expectBody()
                .jsonPath("$.isEnabled").isEqualTo(false)
                .jsonPath("$.disabledReason").isEqualTo("receiver answered 410 Gone");
        assertThat(receiver.received()).hasSize(1);
        assertThat(count("select count(*) from outbox where payload::jsonb->>'type' = 'org.openconnector.subscription.disabled' "
                + "and message_key = :p0", sub)).isEqualTo(1);
    }

    @Test
    void refusesLinkLocalDestinationsAtDeliveryTimeToo() {
        // a row written around the API (say, before a policy change) must still never reach metadata
        String eventId = createEvent(uniqueType("ssrf"), Map.of());
        UUID sub = UUID.randomUUID();
        db.sql("insert into subscription (id, event_id, callback_url, secret) values (:id, cast(:event as uuid), :url, :secret)")
                .bind("id", sub).bind("event", eventId).bind("url", "http://169.254.169.254/latest/meta-data")
                .bind("secret", cipher.encrypt("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                .then().block();
        trigger(eventId, Map.of());

        Map<String, Object> message = awaitMessages("subscriptionId=" + sub, 1, "failed").get(0);
        assertThat((String) message.get("lastError")).contains("link-local");
        assertThat((List<?>) message.get("attempts")).hasSize(4)
                .allSatisfy(a -> assertThat(((Map<?, ?>) a).get("statusCode")).isNull());
    }

    @Test
    void deliveryStateSurvivesAStopOfTheDispatcher() {
        WebhookReceiver receiver = receiver().respond(r -> Reply.of(503));
        String eventId = createEvent(uniqueType("restart"), Map.of());
        String sub = (String) subscribe(eventId, receiver.url("/later"), Map.of()).get("id");
        trigger(eventId, Map.of());
        // stop once the failed first attempt is recorded (a stop mid-send is a crash: the lease then has to expire)
        await().atMost(Duration.ofSeconds(20)).until(() -> messages("subscriptionId=" + sub),
                l -> l.size() == 1 && ((Number) l.get(0).get("attemptCount")).intValue() >= 1);

        dispatcher.stop();
        try {
            receiver.respond(r -> Reply.of(200));
            // nothing is sent while stopped, and nothing is lost: the message waits in the database
            assertThat(messages("subscriptionId=" + sub)).singleElement()
                    .satisfies(m -> assertThat(m.get("status")).isIn("retrying", "failed", "pending"));
        } finally {
            dispatcher.start();
        }
        Map<String, Object> message = await().atMost(Duration.ofSeconds(20)).until(() -> messages("subscriptionId=" + sub),
                l -> l.size() == 1 && !"retrying".equals(l.get(0).get("status"))).get(0);
        assertThat(message.get("status")).isEqualTo("delivered");
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsOnly((String) message.get("id"));
    }

    @Test
    void aShutdownMidSendHandsTheLeaseBackSoNothingWaitsForItToExpire() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        WebhookReceiver receiver = receiver().respond(r -> up.get() ? Reply.of(200) : null);
        // default timeout (30 s): without handing the lease back the resend would wait about a minute
        String eventId = createEvent(uniqueType("shutdown"), Map.of());
        String sub = (String) subscribe(eventId, receiver.url("/slow"), Map.of()).get("id");
        trigger(eventId, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);

        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        dispatcher.stop(stopped::countDown);
        assertThat(stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        up.set(true);
        dispatcher.start();

        Map<String, Object> message = awaitMessages("subscriptionId=" + sub, 1, "delivered").get(0);
        assertThat(receiver.received()).hasSize(2).extracting(r -> r.header("webhook-id")).containsOnly((String) message.get("id"));
    }
}
