package org.openconnector.sync;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Editing the mapping in mapping-service reaches runs: its event (real broker) evicts the compiled
 * mapping, and the newer mapping makes objects whose source did not change re-map and update once.
 */
class MappingChangeIT extends SyncTestBase {

    @Test
    void anEditedMappingIsAppliedToUnchangedObjectsOnce() {
        apis.seed(8);
        String id = createSync("[]");
        assertThat(post("/api/v1/synchronizations/" + id + "/run", "", 200).get("counts").get("created").asInt()).isEqualTo(8);

        Neighbours.put("/api/v1/mappings/" + mappingId,
                "{\"name\":\"things\",\"mapping\":{\"title\":\"name\",\"cost\":\"price\",\"origin\":\"id\",\"kind\":\"thing\"}}");
        // the first run after the event arrives re-maps everything; until then runs keep skipping
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode run = post("/api/v1/synchronizations/" + id + "/run", "", 200);
            assertThat(apis.updates.get()).isEqualTo(8);
            assertThat(run.get("status").asString()).isEqualTo("success");
        });
        assertThat(apis.target.values()).allSatisfy(t -> assertThat(t.get("kind").asString()).isEqualTo("thing"));
        JsonNode after = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(after.get("counts").get("unchanged").asInt()).isEqualTo(8);
        assertThat(apis.creates.get()).isEqualTo(8);
    }
}
