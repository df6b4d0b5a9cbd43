package org.openconnector.event.message;

import org.openconnector.event.Rows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery (event message): the CloudEvent sent, its status ({@code pending}, {@code retrying},
 * {@code delivered}, {@code failed}) and every attempt. {@code webhookId} is what receivers see in
 * the {@code webhook-id} header, the same on every retry and replay.
 */
public record MessageView(UUID id, String webhookId, UUID eventId, UUID subscriptionId, String cloudEventId,
                          String eventType, String status, int attemptCount, Instant nextAttempt, Instant lastAttempt,
                          Integer lastStatusCode, String lastError, JsonNode payload, List<Attempt> attempts,
                          Instant created, Instant updated) {

    /** One POST: when, the answer's status and first bytes, or the error. */
    public record Attempt(Instant time, Integer statusCode, long durationMs, String response, String error) {

        static Attempt of(Map<String, Object> r) {
            return new Attempt(Rows.instant(r, "attempted_at"), Rows.integer(r, "status_code"), Rows.lng(r, "duration_ms"),
                    Rows.str(r, "response"), Rows.str(r, "error"));
        }
    }

    static MessageView of(Map<String, Object> r, List<Attempt> attempts, JsonMapper json) {
        UUID id = Rows.uuid(r, "id");
        boolean waiting = "pending".equals(Rows.str(r, "status")) || "retrying".equals(Rows.str(r, "status"));
        return new MessageView(id, id.toString(), Rows.uuid(r, "event_id"), Rows.uuid(r, "subscription_id"),
                Rows.str(r, "cloud_event_id"), Rows.str(r, "event_type"), Rows.str(r, "status"), Rows.integer(r, "attempts"),
                waiting ? Rows.instant(r, "next_attempt") : null, Rows.instant(r, "last_attempt"),
                Rows.integer(r, "last_status_code"), Rows.str(r, "last_error"), json.readTree(Rows.str(r, "payload_json")),
                attempts, Rows.instant(r, "created"), Rows.instant(r, "updated"));
    }
}
