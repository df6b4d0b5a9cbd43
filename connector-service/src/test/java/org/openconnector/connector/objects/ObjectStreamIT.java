package org.openconnector.connector.objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import org.openconnector.connector.Loopback;
import static org.openconnector.connector.objects.Pages.items;
import static org.openconnector.connector.objects.Pages.param;
import org.openconnector.connector.Loopback.Received;
import org.openconnector.connector.Loopback.Reply;
import org.springframework.http.MediaType;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /internal/sources/{id}/objects} against a real loopback source, one test per pagination style. */
class ObjectStreamIT extends ConnectorIT {

    private static final Loopback server = new Loopback();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String source(String p, Function<Received, Reply> reply) {
        server.on(p, reply);
        return createSource("{\"name\": \"objects\", \"type\": \"api\", \"location\": \"" + server.url() + p + "\"}").get("id").asString();
    }

    private List<Integer> ids(String id, String body) {
        byte[] out = web.post().uri("/internal/sources/" + id + "/objects").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody().returnResult().getResponseBody();
        return new String(out).lines().map(l -> json.readTree(l).get("id").asInt()).toList();
    }

    private static String path() {
        return "/o-" + UUID.randomUUID();
    }

    @Test
    void followsANextLinkInTheBody() {
        String p = path();
        String id = source(p, r -> {
            int page = param(r, "page") == null ? 1 : Integer.parseInt(param(r, "page"));
            String next = page < 3 ? "\"" + server.url() + p + "/list?page=" + (page + 1) + "\"" : "null";
            return Reply.json("{\"results\": " + items(page * 10, page * 10 + 2) + ", \"next\": " + next + "}");
        });
        assertThat(ids(id, "{\"endpoint\": \"/list\", \"query\": {\"filter\": \"x\"}}")).containsExactly(10, 11, 20, 21, 30, 31);
        assertThat(server.received(p)).hasSize(3);
        assertThat(server.received(p).get(1).uri()).contains("page=2").contains("filter=x");
        assertThat(server.received(p).get(1).uri().split("page=").length).as("page sent once").isEqualTo(2);
    }

    @Test
    void pagesByNumberUntilAnEmptyPage() {
        String p = path();
        String id = source(p, r -> {
            int page = Integer.parseInt(param(r, "p"));
            return Reply.json("{\"data\": " + (page <= 3 ? items(page * 10, page * 10 + 2) : "[]") + "}");
        });
        assertThat(ids(id, "{\"pagination\": {\"type\": \"page\", \"param\": \"p\"}}")).containsExactly(10, 11, 20, 21, 30, 31);
        assertThat(server.received(p)).hasSize(4);
    }

    @Test
    void pagesByOffsetWithAPageSize() {
        String p = path();
        String id = source(p, r -> {
            int offset = Integer.parseInt(param(r, "offset"));
            int limit = Integer.parseInt(param(r, "limit"));
            return Reply.json("{\"items\": " + items(offset, Math.min(offset + limit, 5)) + "}");
        });
        assertThat(ids(id, "{\"pagination\": {\"type\": \"offset\", \"sizeParam\": \"limit\", \"size\": 2}}")).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void pagesByCursor() {
        String p = path();
        String id = source(p, r -> {
            String after = param(r, "after");
            int from = after == null ? 0 : Integer.parseInt(after);
            String next = from < 4 ? "\"" + (from + 2) + "\"" : "null";
            return Reply.json("{\"values\": " + items(from, from + 2) + ", \"meta\": {\"next\": " + next + "}}");
        });
        assertThat(ids(id, "{\"resultsPosition\": \"values\", \"idPosition\": \"id\", \"pagination\": {\"type\": \"cursor\","
                + " \"cursorPath\": \"meta.next\", \"cursorParam\": \"after\"}}")).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void followsALinkHeaderWithATopLevelArray() {
        String p = path();
        String id = source(p, r -> {
            int page = param(r, "page") == null ? 1 : Integer.parseInt(param(r, "page"));
            Map<String, String> headers = page < 2 ? Map.of("Content-Type", "application/json",
                    "Link", "<" + p + "?page=" + (page + 1) + ">; rel=\"next\", <" + p + "?page=9>; rel=\"last\"")
                    : Map.of("Content-Type", "application/json");
            return new Reply(200, headers, items(page * 10, page * 10 + 3), Duration.ZERO);
        });
        assertThat(ids(id, "{}")).containsExactly(10, 11, 12, 20, 21, 22);
    }

    @Test
    void stopsAtMaxPagesAndWhenAPageRepeats() {
        String p = path();
        String id = source(p, r -> {
            int page = Integer.parseInt(param(r, "page"));
            return Reply.json("{\"items\": " + items(page * 10, page * 10 + 1) + "}");
        });
        assertThat(ids(id, "{\"pagination\": {\"type\": \"page\"}, \"maxPages\": 3}")).containsExactly(10, 20, 30);
        String q = path();
        String same = source(q, r -> Reply.json("{\"items\": " + items(0, 2) + "}"));
        assertThat(ids(same, "{}")).as("an API that ignores page numbers").containsExactly(0, 1);
        assertThat(server.received(q)).hasSize(2);
    }

    @Test
    void aFailedLaterPageEndsTheStreamWithAVisibleError() {
        String p = path();
        String id = source(p, r -> param(r, "page") == null ? Reply.json("{\"items\": " + items(0, 2) + "}") : Reply.status(500));
        var body = web.post().uri("/internal/sources/" + id + "/objects").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
        StepVerifier.create(body)
                .expectNextMatches(l -> l.contains("\"id\":0"))
                .expectNextMatches(l -> l.contains("\"id\":1"))
                .expectNextMatches(l -> l.contains("_error") && l.contains("answered 500"))
                .expectError()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aFailedFirstPageIsAProblemAnswer() {
        String p = path();
        String id = source(p, r -> Reply.json("{\"unexpected\": {}}"));
        web.post().uri("/internal/sources/" + id + "/objects").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("resultsPosition"));
        String q = path();
        String noIds = source(q, r -> Reply.json("[{\"name\": \"x\"}]"));
        web.post().uri("/internal/sources/" + noIds + "/objects").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"idPosition\": \"id\"}").exchange().expectStatus().isEqualTo(502);
    }

    @Test
    void badRequestsAreProblems() {
        String id = source(path(), r -> Reply.json("[]"));
        for (String body : List.of("{\"pagination\": {\"type\": \"scroll\"}}", "{\"maxPages\": 0}", "{\"pagination\": {\"type\": \"cursor\"}}",
                "{\"colour\": 1}", "{\"maxPages\": \"many\"}", "{\"pagination\": {\"size\": 0}}", "{")) {
            web.post().uri("/internal/sources/" + id + "/objects").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        web.post().uri("/internal/sources/" + UUID.randomUUID() + "/objects").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isNotFound();
    }
}
