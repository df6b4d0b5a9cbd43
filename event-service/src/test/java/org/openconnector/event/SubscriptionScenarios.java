package org.openconnector.event;

import org.junit.jupiter.api.Test;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.StandardWebhooks;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Received;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions: the secret is shown once, stored encrypted, masked on read, and rotates with an overlap. */
abstract class SubscriptionScenarios extends ScenarioSupport {

    @Test
    void showsTheSigningSecretOnlyWhenCreatedAndStoresItEncrypted() {
        String eventId = createEvent(uniqueType("secret"), Map.of());
        Map<String, Object> created = subscribe(eventId, "http://127.0.0.1:9/hook",
                Map.of("description", "partner A", "filters", Map.of("source", "/sync-service")));
        String id = (String) created.get("id");
        String secret = (String) created.get("secret");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created).containsEntry("eventId", eventId).containsEntry("isEnabled", true)
                .containsEntry("filters", Map.of("source", "/sync-service"));

        web.get().uri("/api/v1/subscriptions/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.secret").isEqualTo("whsec_********").jsonPath("$.description").isEqualTo("partner A");
        web.get().uri("/api/v1/events/{id}/subscriptions", eventId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.results[0].secret").isEqualTo("whsec_********");

        String stored = db.sql("select secret from subscription where id = cast(:id as uuid)").bind("id", id)
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret.substring(6));
        String events = db.sql("select string_agg(payload::text, ' ') from outbox where message_key = :id").bind("id", id)
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(events).contains("org.openconnector.subscription.created").doesNotContain(secret.substring(6));
    }

    @Test
    void updatesAndDeletesASubscriptionAndSendsAReadBackUnchanged() {
        String eventId = createEvent(uniqueType("update"), Map.of());
        Map<String, Object> created = subscribe(eventId, "http://127.0.0.1:9/one", Map.of());
        String id = (String) created.get("id");
        Map<String, Object> read = web.get().uri("/api/v1/subscriptions/{id}", id).exchange().expectBody(JSON)
                .returnResult().getResponseBody();
        Map<String, Object> change = new LinkedHashMap<>(read);
        change.put("callbackUrl", "http://127.0.0.1:9/two");
        change.put("isEnabled", false);
        web.put().uri("/api/v1/subscriptions/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.callbackUrl").isEqualTo("http://127.0.0.1:9/two")
                .jsonPath("$.isEnabled").isEqualTo(false)
                .jsonPath("$.secret").isEqualTo("whsec_********");
        web.delete().uri("/api/v1/subscriptions/{id}", id).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/subscriptions/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void signsWithBothSecretsDuringARotationOverlap() {
        WebhookReceiver receiver = receiver();
        String eventId = createEvent(uniqueType("rotate"), Map.of());
        Map<String, Object> created = subscribe(eventId, receiver.url("/rotating"), Map.of());
        String oldSecret = (String) created.get("secret");
        String id = (String) created.get("id");

        Map<String, Object> rotated = web.post().uri("/api/v1/subscriptions/{id}/rotate-secret", id).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        String newSecret = (String) rotated.get("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.get("previousSecretExpires")).isNotNull();

        trigger(eventId, Map.of());
        Received got = await().atMost(Duration.ofSeconds(20)).until(receiver::received, l -> !l.isEmpty()).get(0);
        String[] signatures = got.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        for (String secret : List.of(oldSecret, newSecret)) {
            assertThat(StandardWebhooks.verify(secret, got.header("webhook-id"), got.header("webhook-timestamp"),
                    got.header("webhook-signature"), got.body())).as("verifies with %s", secret.equals(oldSecret) ? "old" : "new").isTrue();
        }

        // once the overlap is over only the new secret signs
        db.sql("update subscription set previous_secret_expires = now() - interval '1 second' where id = cast(:id as uuid)")
                .bind("id", id).then().block();
        trigger(eventId, Map.of());
        Received second = await().atMost(Duration.ofSeconds(20)).until(receiver::received, l -> l.size() == 2).get(1);
        assertThat(second.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhooks.verify(newSecret, second.header("webhook-id"), second.header("webhook-timestamp"),
                second.header("webhook-signature"), second.body())).isTrue();
        assertThat(StandardWebhooks.verify(oldSecret, second.header("webhook-id"), second.header("webhook-timestamp"),
                second.header("webhook-signature"), second.body())).isFalse();
    }
}
