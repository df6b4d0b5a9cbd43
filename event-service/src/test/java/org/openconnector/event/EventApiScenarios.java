package org.openconnector.event;

import org.junit.jupiter.api.Test;
import org.openconnector.event.support.ScenarioSupport;
import org.springframework.http.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/events: every field of the Event schema round-trips, lists use the envelope, changes emit events. */
abstract class EventApiScenarios extends ScenarioSupport {

    @Test
    void createsReadsUpdatesAndDeletesAnEventWithEveryField() {
        String type = uniqueType("thing.created");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Thing created");
        body.put("description", "tells partners about new things");
        body.put("eventType", type);
        body.put("payload", Map.of("hello", "world"));
        body.put("priority", 7);
        body.put("timeout", 12);
        body.put("isAsync", false);
        body.put("allowDuplicates", false);
        body.put("isEnabled", true);
        body.put("oneTime", false);
        body.put("scheduleAfter", "PT1M");
        body.put("userId", "user-1");
        body.put("eventGroupId", "group-1");
        body.put("retentionPeriod", 3600);
        body.put("errorRetention", 86400);
        body.put("lastTriggered", "2019-08-24T14:15:22Z");
        Map<String, Object> created = createEvent(body);

        String id = (String) created.get("id");
        assertThat(created).containsEntry("uuid", id).containsEntry("priority", 7).containsEntry("timeout", 12)
                .containsEntry("isAsync", false).containsEntry("allowDuplicates", false).containsEntry("scheduleAfter", "PT1M")
                .containsEntry("userId", "user-1").containsEntry("eventGroupId", "group-1")
                .containsEntry("retentionPeriod", 3600).containsEntry("errorRetention", 86400)
                .containsEntry("payload", Map.of("hello", "world"))
                // kept by the server: a client cannot set it
                .containsEntry("lastTriggered", null);
        assertThat(created.get("created")).isNotNull();

        Map<String, Object> read = web.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(read).isEqualTo(created);

        Map<String, Object> change = new LinkedHashMap<>(read);
        change.put("name", "Thing created (v2)");
        change.put("priority", 2);
        change.put("payload", null);
        Map<String, Object> updated = web.put().uri("/api/v1/events/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(change).exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(updated).containsEntry("name", "Thing created (v2)").containsEntry("priority", 2).containsEntry("payload", null);

        web.delete().uri("/api/v1/events/{id}", id).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isNotFound();

        List<String> published = db.sql("select payload::jsonb->>'type' from outbox where message_key = :id order by seq")
                .bind("id", id).map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(published).containsExactly("org.openconnector.event.created", "org.openconnector.event.updated",
                "org.openconnector.event.deleted");
    }

    @Test
    void listsEventsInTheEnvelopeWithFiltersAndSearch() {
        String group = UUID.randomUUID().toString();
        createEvent(uniqueType("a"), Map.of("eventGroupId", group, "priority", 3));
        createEvent(uniqueType("b"), Map.of("eventGroupId", group, "priority", 9));
        createEvent(uniqueType("c"), Map.of("eventGroupId", "other"));

        web.get().uri("/api/v1/events?eventGroupId={g}&_order[priority]=desc&_limit=1", group).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.pages").isEqualTo(2)
                .jsonPath("$.limit").isEqualTo(1)
                .jsonPath("$.results.length()").isEqualTo(1)
                .jsonPath("$.results[0].priority").isEqualTo(9);
        web.get().uri("/api/v1/events?eventGroupId={g}&_page=2&_limit=1&_order[priority]=desc", group).exchange()
                .expectBody().jsonPath("$.results[0].priority").isEqualTo(3).jsonPath("$.page").isEqualTo(2);
    }

    @Test
    void defaultsWhatTheClientLeavesOut() {
        Map<String, Object> created = createEvent(Map.of("name", "minimal", "eventType", uniqueType("min")));
        assertThat(created).containsEntry("priority", 5).containsEntry("isEnabled", true).containsEntry("isAsync", true)
                .containsEntry("allowDuplicates", true).containsEntry("oneTime", false).containsEntry("timeout", null);
    }
}
