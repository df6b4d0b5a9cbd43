package org.openconnector.sync;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Storages on their own (CRUD, entities, NDJSON export, bad input) and as a synchronization target. */
class StorageIT extends SyncTestBase {

    private String storage() {
        String identifier = "s-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/v1/storages", "{\"identifier\":\"" + identifier + "\",\"name\":\"people\"}", 201);
        return identifier;
    }

    @Test
    void storagesAndEntitiesWithBadInputAs4xx() {
        String s = storage();
        post("/api/v1/storages", "{\"identifier\":\"" + s + "\"}", 409);
        web.put().uri("/api/v1/storages/{s}/entities/a1", s).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":1}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.value.n").isEqualTo(1);
        web.put().uri("/api/v1/storages/{s}/entities/b2", s).contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]")
                .exchange().expectStatus().isOk();
        assertThat(get("/api/v1/storages/" + s + "/entities").get("total").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/storages/" + s + "/entities?key=b2").get("results").get(0).get("value").size()).isEqualTo(2);
        String ndjson = web.get().uri("/api/v1/storages/{s}/entities/export", s).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(ndjson.strip().split("\n")).hasSize(2);
        web.delete().uri("/api/v1/storages/{s}/entities/a1", s).exchange().expectStatus().isNoContent();
        assertThat(get("/api/v1/storages?identifier=" + s).get("total").asLong()).isEqualTo(1);

        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("POST /api/v1/storages {\"identifier\":\"Bad Id\"}", 400);
        cases.put("POST /api/v1/storages {\"identifier\":\"ok\",\"colour\":\"red\"}", 400);
        cases.put("POST /api/v1/storages {\"identifier\":12}", 400);
        cases.put("POST /api/v1/storages [1]", 400);
        cases.put("POST /api/v1/storages {\"identifier\":", 400);
        cases.put("GET /api/v1/storages/nope", 404);
        cases.put("GET /api/v1/storages?colour=red", 400);
        cases.put("GET /api/v1/storages/nope/entities", 404);
        cases.put("GET /api/v1/storages/" + s + "/entities/a1", 404);
        cases.put("GET /api/v1/storages/" + s + "/entities?value=1", 400);
        cases.put("DELETE /api/v1/storages/" + s + "/entities/a1", 404);
        cases.put("PUT /api/v1/storages/nope/entities/x {}", 404);
        cases.put("PUT /api/v1/storages/" + s + "/entities/x {\"a\":", 400);
        cases.put("DELETE /api/v1/storages/nope", 404);
        cases.forEach((request, status) -> {
            String[] parts = request.split(" ", 3);
            var spec = switch (parts[0]) {
                case "GET" -> web.get().uri(parts[1]);
                case "DELETE" -> web.delete().uri(parts[1]);
                case "PUT" -> web.put().uri(parts[1]).contentType(MediaType.APPLICATION_JSON).bodyValue(parts[2]);
                default -> web.post().uri(parts[1]).contentType(MediaType.APPLICATION_JSON).bodyValue(parts[2]);
            };
            spec.exchange().expectStatus().value(code -> assertThat(code).as(request).isEqualTo(status))
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        });
        web.delete().uri("/api/v1/storages/{s}", s).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/storages/{s}/entities/b2", s).exchange().expectStatus().isNotFound();
    }

    @Test
    void aSynchronizationFillsAStorageKeyedByOriginId() {
        apis.seed(25);
        String s = storage();
        String body = syncBody("[\"delete\"]").replace("\"targetId\":\"" + sourceId + "\"", "\"targetId\":\"" + s + "\",\"targetType\":\"storage\"");
        post("/api/v1/synchronizations", body.replace("\"" + s + "\"", "\"nope\""), 400);
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();

        JsonNode first = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(first.get("counts").get("created").asInt()).as(first.toString()).isEqualTo(25);
        assertThat(get("/api/v1/storages/" + s + "/entities").get("total").asLong()).isEqualTo(25);
        assertThat(get("/api/v1/storages/" + s + "/entities/o0007").get("value").get("title").asString()).isEqualTo("Object 7");
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts?originId=o0007").get("results").get(0).get("targetId").asString())
                .isEqualTo("o0007");

        assertThat(post("/api/v1/synchronizations/" + id + "/run", "", 200).get("counts").get("unchanged").asInt()).isEqualTo(25);
        apis.source.remove("o0003");
        apis.source.get("o0004").put("name", "Four");
        JsonNode third = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(third.get("counts").get("deleted").asInt()).isEqualTo(1);
        assertThat(third.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/storages/" + s + "/entities").get("total").asLong()).isEqualTo(24);
        assertThat(get("/api/v1/storages/" + s + "/entities/o0004").get("value").get("title").asString()).isEqualTo("Four");
        assertThat(apis.target).isEmpty();
        assertThat(objectEvents(id, "created")).isEqualTo(25);
        assertThat(objectEvents(id, "updated")).isEqualTo(1);
        assertThat(objectEvents(id, "deleted")).isEqualTo(1);

        // a synchronization's contracts and a storage's entities go with it (the code deletes them: no cascading keys since V5)
        web.delete().uri("/api/v1/synchronizations/{id}", id).exchange().expectStatus().isNoContent();
        assertThat(db.sql("select count(*) from contract where synchronization_id = :id").bind("id", java.util.UUID.fromString(id))
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
        web.delete().uri("/api/v1/storages/{s}", s).exchange().expectStatus().isNoContent();
        post("/api/v1/storages", "{\"identifier\":\"" + s + "\"}", 201);
        assertThat(get("/api/v1/storages/" + s + "/entities").get("total").asLong()).isZero();
    }

    /**
     * A window whose values exceed one statement's share (~200,000 characters) is upserted in several
     * statements: every entity still gets its own key's value.
     */
    @Test
    void aWindowOfLargeObjectsIsWrittenInSeveralStatementsKeyForKey() {
        apis.seed(7);
        for (int i = 1; i <= 7; i++) {
            String id = String.format("o%04d", i);
            apis.source.get(id).put("name", id + ":" + String.valueOf((char) ('a' + i)).repeat(70_000));
        }
        String s = storage();
        String body = syncBody("[]").replace("\"targetId\":\"" + sourceId + "\"", "\"targetId\":\"" + s + "\",\"targetType\":\"storage\"");
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();
        JsonNode run = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(run.get("counts").get("created").asInt()).as(run.toString()).isEqualTo(7);
        for (int i = 1; i <= 7; i++) {
            String key = String.format("o%04d", i);
            assertThat(get("/api/v1/storages/" + s + "/entities/" + key).get("value").get("title").asString())
                    .isEqualTo(key + ":" + String.valueOf((char) ('a' + i)).repeat(70_000));
        }
    }

    /**
     * A storage window's entities, contracts and events commit in one transaction: a window the
     * storage refuses (here: deleted after the synchronization was saved) leaves none of the three.
     */
    @Test
    void aWindowTheStorageRefusesLeavesNoContractsAndNoEvents() {
        apis.seed(12);
        String s = storage();
        String body = syncBody("[]").replace("\"targetId\":\"" + sourceId + "\"", "\"targetId\":\"" + s + "\",\"targetType\":\"storage\"");
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();
        web.delete().uri("/api/v1/storages/{s}", s).exchange().expectStatus().isNoContent();

        JsonNode failed = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("counts").get("created").asInt()).isZero();
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isZero();
        assertThat(objectEvents(id, "created")).isZero();

        post("/api/v1/storages", "{\"identifier\":\"" + s + "\"}", 201);
        JsonNode again = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(again.get("counts").get("created").asInt()).as(again.toString()).isEqualTo(12);
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isEqualTo(12);
        assertThat(get("/api/v1/storages/" + s + "/entities").get("total").asLong()).isEqualTo(12);
        assertThat(objectEvents(id, "created")).isEqualTo(12);
    }

    /**
     * Storage windows (of 7) commit side by side; o0002 is listed again, changed, in the second window:
     * that window waits for the first to commit and then updates o0002 instead of creating it again.
     */
    @Test
    void anObjectListedAgainInAConcurrentWindowIsCreatedOnceThenUpdated() {
        apis.seed(10);
        apis.alsoListed.add(apis.source.get("o0002").deepCopy().put("name", "Listed again"));
        String s = storage();
        String body = syncBody("[\"delete\"]").replace("\"targetId\":\"" + sourceId + "\"", "\"targetId\":\"" + s + "\",\"targetType\":\"storage\"");
        String id = post("/api/v1/synchronizations", body, 201).get("id").asString();

        JsonNode first = post("/api/v1/synchronizations/" + id + "/run", "", 200);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("success");
        assertThat(first.get("counts").get("created").asInt()).isEqualTo(10);
        assertThat(first.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/storages/" + s + "/entities/o0002").get("value").get("title").asString()).isEqualTo("Listed again");
        assertThat(get("/api/v1/synchronizations/" + id + "/contracts").get("total").asLong()).isEqualTo(10);
        assertThat(objectEvents(id, "created")).isEqualTo(10);
        assertThat(objectEvents(id, "updated")).isEqualTo(1);
    }

    private Long objectEvents(String syncId, String verb) {
        return db.sql("select count(*) from outbox where message_key = :id and payload like :type")
                .bind("id", syncId).bind("type", "%org.openconnector.synchronization.object." + verb + "%")
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
