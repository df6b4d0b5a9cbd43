package org.openconnector.sync;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint answers bad input with a 4xx problem+json, never a 5xx. */
class SyncBadInputIT extends SyncTestBase {

    @Test
    void badBodiesAre400ProblemJson() {
        String good = syncBody("[]");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("malformed JSON", "{\"name\":");
        cases.put("not an object", "[1,2]");
        cases.put("missing required", "{\"name\":\"x\"}");
        cases.put("name wrong type", good.replace("\"items to things\"", "12"));
        cases.put("unknown field", good.replace("\"name\"", "\"colour\":\"red\",\"name\""));
        cases.put("sourceId not a uuid", good.replaceFirst(sourceId, "abc"));
        cases.put("bad targetType", good.replace("\"name\"", "\"targetType\":\"ftp\",\"name\""));
        cases.put("sourceConfig wrong type", good.replace("{\"endpoint\":\"/items\",\"resultsPosition\":\"results\",\"idPosition\":\"id\"}", "\"x\""));
        cases.put("maxPages negative", good.replace("\"endpoint\":\"/items\"", "\"endpoint\":\"/items\",\"maxPages\":-1"));
        cases.put("actions not strings", good.replace("\"actions\":[]", "\"actions\":[1]"));
        cases.put("conditions not JSON Logic", good.replace("\"name\"", "\"conditions\":\"{not json\",\"name\""));
        cases.put("conditions unknown operator", good.replace("\"name\"", "\"conditions\":{\"nope\":[1]},\"name\""));
        cases.put("id differs from uuid", good.replace("\"name\"", "\"id\":\"" + UUID.randomUUID() + "\",\"uuid\":\""
                + UUID.randomUUID() + "\",\"name\""));
        cases.forEach((what, body) -> web.post().uri("/api/v1/synchronizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().value(s -> assertThat(s).as(what).isEqualTo(400))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void badIdsQueriesAndFlagsAre4xxProblemJson() {
        String id = createSync("[]");
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("GET /api/v1/synchronizations/not-a-uuid", 400);
        cases.put("GET /api/v1/synchronizations/" + UUID.randomUUID(), 404);
        cases.put("GET /api/v1/synchronizations?colour=red", 400);
        cases.put("GET /api/v1/synchronizations?_limit=0", 400);
        cases.put("GET /api/v1/synchronizations/" + id + "/contracts?colour=red", 400);
        cases.put("GET /api/v1/synchronizations/" + UUID.randomUUID() + "/contracts", 404);
        cases.put("GET /api/v1/synchronizations/" + id + "/logs?status=sleeping", 400);
        cases.put("GET /api/v1/synchronizations/" + id + "/logs?test=maybe", 400);
        cases.put("GET /api/v1/synchronizations/" + id + "/logs?_order[started]=up", 400);
        cases.put("POST /api/v1/synchronizations/" + UUID.randomUUID() + "/run", 404);
        cases.put("POST /api/v1/synchronizations/" + id + "/run?test=yes", 400);
        cases.put("DELETE /api/v1/synchronizations/" + UUID.randomUUID(), 404);
        cases.put("PUT /api/v1/synchronizations/" + UUID.randomUUID(), 404);
        cases.forEach((request, status) -> {
            String[] parts = request.split(" ", 2);
            var spec = switch (parts[0]) {
                case "GET" -> web.get().uri(parts[1]);
                case "DELETE" -> web.delete().uri(parts[1]);
                case "PUT" -> web.put().uri(parts[1]).contentType(MediaType.APPLICATION_JSON).bodyValue(syncBody("[]"));
                default -> web.post().uri(parts[1]);
            };
            spec.exchange().expectStatus().value(s -> assertThat(s).as(request).isEqualTo(status))
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        });
    }
}
