package org.openconnector.sync;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Synchronization CRUD, with references checked against the real neighbours; events through the outbox. */
class SyncServiceIT extends SyncTestBase {

    @Test
    void synchronizationCrudKeepsServerFieldsAndPublishesEvents() {
        JsonNode created = post("/api/v1/synchronizations", syncBody("[\"delete\"]").replace("\"name\"",
                "\"sourceLastSynced\":\"2000-01-01T00:00:00Z\",\"name\""), 201);
        String id = created.get("id").asString();
        assertThat(created.get("version").asString()).isEqualTo("0.0.1");
        assertThat(created.get("sourceLastSynced").isNull()).isTrue();
        assertThat(created.get("targetType").asString()).isEqualTo("api");
        assertThat(get("/api/v1/synchronizations/" + id).get("sourceTargetMapping").asString()).isEqualTo(mappingId);

        JsonNode updated = web.put().uri("/api/v1/synchronizations/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(syncBody("[]").replace("items to things", "renamed")).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(updated.get("version").asString()).isEqualTo("0.0.2");
        assertThat(updated.get("name").asString()).isEqualTo("renamed");

        JsonNode list = get("/api/v1/synchronizations?sourceId=" + sourceId);
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("results").get(0).get("id").asString()).isEqualTo(id);
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isZero();
        assertThat(get("/api/v1/synchronizations/" + id + "/logs").get("total").asLong()).isZero();

        web.delete().uri("/api/v1/synchronizations/" + id).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/synchronizations/" + id).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        Long events = db.sql("select count(*) from outbox where message_key = :id and payload like '%org.openconnector.synchronization.%'")
                .bind("id", id).map(r -> r.get(0, Long.class)).one().block();
        assertThat(events).isEqualTo(3);
    }

    @Test
    void unknownReferencesAre400WithAViolationPerField() {
        String unknown = UUID.randomUUID().toString();
        JsonNode problem = post("/api/v1/synchronizations", syncBody("[]").replaceFirst(sourceId, unknown)
                .replace(mappingId, unknown), 400);
        assertThat(problem.get("violations").findValuesAsString("propertyPath")).containsExactlyInAnyOrder("sourceId", "sourceTargetMapping");
    }
}
