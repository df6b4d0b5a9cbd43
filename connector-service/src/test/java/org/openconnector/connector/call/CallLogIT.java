package org.openconnector.connector.call;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import org.openconnector.connector.Loopback;
import org.openconnector.connector.Loopback.Reply;
import org.openconnector.connector.calllog.CallLogPruner;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Call logs go through Kafka into the database redacted and truncated, and are listed per source. */
class CallLogIT extends ConnectorIT {

    private static final Loopback server = new Loopback();

    @Autowired
    private CallLogPruner pruner;

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void logsAreRedactedTruncatedListedAndFiltered() {
        String p = "/l-" + UUID.randomUUID();
        server.on(p + "/ok", r -> new Reply(200, Map.of("Set-Cookie", "session=c-SECRET-3"), "echo " + r.header("X-Api-Key")
                + " " + "x".repeat(20_000), Duration.ZERO));
        server.on(p + "/bad", r -> Reply.status(404));
        String id = createSource("{\"name\": \"logged\", \"type\": \"api\", \"location\": \"" + server.url() + p + "\", \"auth\": \"apikey\","
                + " \"apikey\": \"k-SECRET-1\", \"authenticationConfig\": {\"header\": \"X-Api-Key\"}, \"loggingConfig\": {\"logBody\": true},"
                + " \"configuration\": {\"query\": {\"access_token\": \"q-SECRET-2\"}}}").get("id").asString();
        Instant before = Instant.now();
        JsonNode answer = testCall(id, "{\"endpoint\": \"/ok\"}", 200);
        assertThat(answer.toString()).doesNotContain("k-SECRET-1", "q-SECRET-2", "c-SECRET-3");
        testCall(id, "{\"endpoint\": \"/bad\", \"method\": \"DELETE\"}", 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> logs(id, "").get("total").asInt() == 2);
        String stored = db.sql("select string_agg(cast(c.* as text), ' ') from call_log c where source_id = :id")
                .bind("id", UUID.fromString(id)).map(r -> r.get(0, String.class)).one().block();
        assertThat(stored).doesNotContain("k-SECRET-1", "q-SECRET-2", "c-SECRET-3").contains("truncated");

        JsonNode all = logs(id, "");
        assertThat(all.at("/results/0/method").asString()).as("newest first").isEqualTo("DELETE");
        assertThat(all.at("/results/1/statusCode").asInt()).isEqualTo(200);
        assertThat(all.at("/results/1/endpoint").asString()).isEqualTo("/ok");
        assertThat(all.at("/results/1/url").asString()).contains("access_token=********");
        assertThat(all.at("/results/1/requestHeaders/X-Api-Key/0").asString()).isEqualTo("********");
        assertThat(all.at("/results/1/duration").isNumber()).isTrue();
        assertThat(logs(id, "?statusCode=404").get("total").asInt()).isEqualTo(1);
        assertThat(logs(id, "?date_from=" + before.minusSeconds(60) + "&date_to=" + Instant.now().plusSeconds(60)).get("total").asInt()).isEqualTo(2);
        assertThat(logs(id, "?date_to=" + before.minusSeconds(60)).get("total").asInt()).isZero();
        assertThat(logs(id, "?_limit=1").get("pages").asInt()).isEqualTo(2);
    }

    @Test
    void pruningKeepsLogsWithinTheRetention() {
        assertThat(pruner.prune().block()).isNotNull();
        Long old = db.sql("select count(*) from call_log where created < now() - interval '8 days'").map(r -> r.get(0, Long.class)).one().block();
        assertThat(old).isZero();
    }

    private JsonNode logs(String id, String query) {
        return json.readTree(web.get().uri("/api/v1/sources/" + id + "/logs" + query).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }
}
