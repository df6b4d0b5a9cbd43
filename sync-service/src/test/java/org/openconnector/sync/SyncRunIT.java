package org.openconnector.sync;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs against the real connector-service (reading the paged loopback source and writing the
 * loopback target through it) and the real mapping-service (the mapping). Counts are checked both
 * in the run's log and at the target itself.
 */
class SyncRunIT extends SyncTestBase {

    private JsonNode run(String id, String query) {
        return post("/api/v1/synchronizations/" + id + "/run" + query, "", 200);
    }

    private static long count(JsonNode log, String what) {
        return log.get("counts").get(what).asLong();
    }

    @Test
    void createsThenSkipsUnchangedThenUpdatesChangedThenDeletesRemoved() {
        apis.seed(25);
        String id = createSync("[\"delete\"]");

        JsonNode first = run(id, "");
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("success");
        assertThat(count(first, "found")).isEqualTo(25);
        assertThat(count(first, "created")).isEqualTo(25);
        assertThat(apis.target).hasSize(25);
        assertThat(apis.targetByTitle().get("Object 7").get("cost").asInt()).isEqualTo(7);
        assertThat(first.get("stages").get("totalMs").asLong()).isNotNegative();

        JsonNode second = run(id, "");
        assertThat(count(second, "unchanged")).isEqualTo(25);
        assertThat(count(second, "created") + count(second, "updated")).isZero();
        assertThat(apis.creates.get()).isEqualTo(25);
        assertThat(apis.updates.get()).isZero();

        for (String origin : new String[] {"o0003", "o0011", "o0024"}) {
            apis.source.get(origin).put("name", "Changed " + origin);
        }
        JsonNode third = run(id, "");
        assertThat(count(third, "updated")).isEqualTo(3);
        assertThat(count(third, "unchanged")).isEqualTo(22);
        assertThat(apis.updates.get()).isEqualTo(3);
        assertThat(apis.targetByTitle()).containsKey("Changed o0011").doesNotContainKey("Object 11");

        apis.source.remove("o0005");
        apis.source.remove("o0020");
        JsonNode fourth = run(id, "");
        assertThat(count(fourth, "deleted")).isEqualTo(2);
        assertThat(apis.target).hasSize(23);
        assertThat(apis.targetByTitle()).doesNotContainKeys("Object 5", "Object 20");
        JsonNode tombstone = get("/api/v1/synchronizations/" + id + "/contracts?originId=o0005").get("results").get(0);
        assertThat(tombstone.get("targetId").isNull()).isTrue();
        assertThat(tombstone.get("targetLastAction").asString()).isEqualTo("delete");
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isEqualTo(25);
        assertThat(get("/api/v1/synchronizations/" + id + "/logs?status=success").get("total").asLong()).isEqualTo(4);
        assertThat(get("/api/v1/synchronizations/" + id).get("sourceLastSynced").isNull()).isFalse();
        Long objectEvents = db.sql("select count(*) from outbox where message_key = :id and payload like "
                        + "'%org.openconnector.synchronization.object.%'")
                .bind("id", id).map(r -> r.get(0, Long.class)).one().block();
        assertThat(objectEvents).isEqualTo(25 + 3 + 2);
    }

    @Test
    void aCreateWhoseContractWasLostIsNotMadeTwiceByATargetThatHonoursIdempotencyKeys() {
        apis.seed(6);
        String id = createSync("[]");
        run(id, "");
        assertThat(apis.target).hasSize(6);
        // as if the process died after the target's 2xx and before the contracts committed
        db.sql("delete from contract where synchronization_id = :id").bind("id", java.util.UUID.fromString(id))
                .fetch().rowsUpdated().block();

        run(id, "");
        assertThat(apis.creates.get()).isEqualTo(6);
        assertThat(apis.replayedCreates.get()).isEqualTo(6);
        assertThat(apis.target).hasSize(6);
        var contractTargets = db.sql("select target_id from contract where synchronization_id = :id")
                .bind("id", java.util.UUID.fromString(id)).map(r -> r.get("target_id", String.class)).all().collectList().block();
        assertThat(contractTargets).hasSize(6).allMatch(apis.target::containsKey);
    }

    @Test
    void testRunWritesNothingAndForceRewritesEverything() {
        apis.seed(12);
        String id = createSync("[\"delete\"]");
        JsonNode test = run(id, "?test=true");
        assertThat(count(test, "created")).isEqualTo(12);
        assertThat(apis.target).isEmpty();
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isZero();

        run(id, "");
        apis.source.clear();
        JsonNode testAfterRemoval = run(id, "?test=true");
        assertThat(count(testAfterRemoval, "deleted")).isZero();
        assertThat(apis.target).hasSize(12);

        apis.seed(12);
        JsonNode forced = run(id, "?force=true");
        assertThat(count(forced, "updated")).isEqualTo(12);
        assertThat(apis.updates.get()).isEqualTo(12);
        assertThat(apis.creates.get()).isEqualTo(12);
    }

    @Test
    void failingFetchDeletesNothingAndTheMassDeletionGuardTrips() {
        apis.seed(25);
        String id = createSync("[\"delete\"]");
        run(id, "");

        apis.failFromPage = 2;
        JsonNode failed = run(id, "");
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("500");
        assertThat(count(failed, "deleted")).isZero();
        assertThat(apis.target).hasSize(25);

        apis.failFromPage = 0;
        apis.source.headMap("o0015").clear();
        JsonNode guarded = run(id, "");
        assertThat(guarded.get("status").asString()).isEqualTo("failed");
        assertThat(guarded.get("error").asString()).contains("Refusing to delete 14 of 25");
        assertThat(apis.deletes.get()).isZero();
        assertThat(apis.target).hasSize(25);
    }

    /**
     * Without the delete action a removed object stays at the target. sourceLastChecked (derived, not
     * written per object per run): the objects the run saw say the run's start; the missing one keeps
     * the last complete run that saw it, until it is listed again.
     */
    @Test
    void withoutTheDeleteActionRemovedObjectsStayAtTheTarget() {
        apis.seed(10);
        String id = createSync("[]");
        JsonNode first = run(id, "");
        apis.source.remove("o0001");
        JsonNode second = run(id, "");
        assertThat(count(second, "deleted")).isZero();
        assertThat(apis.target).hasSize(10);
        assertThat(checked(id, "o0002")).isEqualTo(second.get("started").asString());
        assertThat(java.time.Instant.parse(checked(id, "o0001"))).as("when the first run saw (and wrote) it")
                .isAfterOrEqualTo(java.time.Instant.parse(first.get("started").asString()))
                .isBefore(java.time.Instant.parse(second.get("started").asString()));

        apis.seed(10);
        JsonNode third = run(id, "");
        assertThat(count(third, "unchanged")).isEqualTo(10);
        assertThat(java.time.Instant.parse(checked(id, "o0001"))).isAfterOrEqualTo(java.time.Instant.parse(third.get("started").asString()));
        assertThat(checked(id, "o0002")).isEqualTo(third.get("started").asString());
    }

    private String checked(String syncId, String originId) {
        return get("/api/v1/synchronizations/" + syncId + "/contracts?originId=" + originId).get("results").get(0)
                .get("sourceLastChecked").asString();
    }

    /**
     * The source lists o0002 twice, the second time changed and in the next window (windows of 7), whose
     * lookup may run while the first window is still being written: the object is created once, then
     * updated once, and it has one contract.
     */
    @Test
    void anObjectListedTwiceInPipelinedWindowsIsCreatedOnce() {
        apis.seed(10);
        apis.alsoListed.add(apis.source.get("o0002").deepCopy().put("name", "Listed again"));
        String id = createSync("[\"delete\"]");
        JsonNode first = run(id, "");
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("success");
        assertThat(count(first, "found")).isEqualTo(11);
        assertThat(count(first, "created")).isEqualTo(10);
        assertThat(count(first, "updated")).isEqualTo(1);
        assertThat(apis.creates.get()).isEqualTo(10);
        assertThat(apis.target).hasSize(10);
        assertThat(apis.targetByTitle()).containsKey("Listed again").doesNotContainKey("Object 2");
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts?originId=o0002").get("total").asLong()).isEqualTo(1);

        JsonNode second = run(id, "");
        assertThat(count(second, "created")).isZero();
        assertThat(count(second, "deleted")).isZero();
        assertThat(apis.creates.get()).isEqualTo(10);
        assertThat(apis.target).hasSize(10);
    }

    @Test
    void aFetchThatMayBeCutShortByMaxPagesDeletesNothing() {
        apis.seed(25);
        String body = syncBody("[\"delete\"]").replace("\"endpoint\":\"/items\"", "\"endpoint\":\"/items\",\"maxPages\":2");
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();
        JsonNode first = run(id, "");
        assertThat(count(first, "created")).isEqualTo(20);
        assertThat(first.get("stages").get("deletion").asString()).contains("maxPages");
        apis.source.remove("o0001");
        JsonNode second = run(id, "");
        assertThat(count(second, "deleted")).isZero();
        assertThat(apis.deletes.get()).isZero();
        assertThat(apis.targetByTitle()).containsKey("Object 1");
    }

    @Test
    void aRunCutOffHalfWayIsResumedWithoutDuplicates() {
        apis.seed(25);
        String id = createSync("[\"delete\"]");
        apis.createsAllowed = 12;
        JsonNode broken = run(id, "");
        assertThat(broken.get("status").asString()).isEqualTo("failed");
        assertThat(broken.get("error").asString()).contains("503");
        assertThat(apis.target).hasSize(12);
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isEqualTo(12);

        apis.createsAllowed = -1;
        JsonNode resumed = run(id, "");
        assertThat(resumed.get("status").asString()).isEqualTo("success");
        assertThat(count(resumed, "created")).isEqualTo(13);
        assertThat(count(resumed, "unchanged")).isEqualTo(12);
        assertThat(apis.target).hasSize(25);
        assertThat(apis.targetByTitle()).hasSize(25);
    }

    @Test
    void aSecondRunWhileOneHoldsTheSynchronizationIs409() {
        apis.seed(1);
        String id = createSync("[]");
        db.sql("update synchronization set run_id = gen_random_uuid(), run_lease_until = now() + interval '1 minute' where id = :id")
                .bind("id", java.util.UUID.fromString(id)).then().block();
        web.post().uri("/api/v1/synchronizations/" + id + "/run").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("is running"));
        assertThat(apis.target).isEmpty();
    }

    @Test
    void conditionsFalseCountAsInvalidAndWriteNothing() {
        apis.seed(10);
        String body = syncBody("[]").replace("\"name\"", "\"conditions\":\"{\\\"<\\\": [{\\\"var\\\": \\\"price\\\"}, 4]}\",\"name\"");
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();
        JsonNode log = run(id, "");
        assertThat(count(log, "created")).isEqualTo(3);
        assertThat(count(log, "invalid")).isEqualTo(7);
        assertThat(apis.target).hasSize(3);
    }
}
