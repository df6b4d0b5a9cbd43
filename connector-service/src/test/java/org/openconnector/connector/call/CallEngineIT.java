package org.openconnector.connector.call;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import org.openconnector.connector.Loopback;
import org.openconnector.connector.Loopback.Reply;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The call engine against a real loopback server: retries, breaker, redirects, SSRF, rate limits, timeouts, refusals. */
class CallEngineIT extends ConnectorIT {

    private static final Loopback server = new Loopback();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String source(String location, String extra) {
        return createSource("{\"name\": \"engine\", \"type\": \"api\", \"location\": \"" + location + "\"" + extra + "}").get("id").asString();
    }

    private static String path() {
        return "/e-" + UUID.randomUUID();
    }

    @Test
    void idempotentCallsAreRetriedOn503AndPostIsNot() {
        String p = path();
        AtomicInteger n = new AtomicInteger();
        server.on(p, r -> n.incrementAndGet() <= 2 ? Reply.status(503) : Reply.json("{\"ok\":1}"));
        String id = source(server.url() + p, "");
        assertThat(testCall(id, null, 200).at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(server.received(p)).hasSize(3);

        String q = path();
        server.on(q, r -> Reply.status(503));
        String other = source(server.url() + q, "");
        assertThat(testCall(other, "{\"method\":\"POST\",\"body\":{\"a\":1}}", 200).at("/response/statusCode").asInt()).isEqualTo(503);
        assertThat(server.received(q)).hasSize(1);
    }

    @Test
    void theCircuitBreakerOpensAfterRepeatedServerErrors() {
        String p = path();
        server.on(p, r -> Reply.status(500));
        String id = source(server.url() + p, "");
        for (int i = 0; i < 4; i++) {
            assertThat(testCall(id, null, 200).at("/response/statusCode").asInt()).isEqualTo(500);
        }
        JsonNode problem = testCall(id, null, 503);
        assertThat(problem.get("detail").asString()).contains("circuit breaker open");
        assertThat(server.received(p)).hasSize(4);
    }

    @Test
    void redirectsAreFollowedWithinThePolicyOnly() {
        String p = path();
        server.on(p + "/old", r -> new Reply(302, Map.of("Location", p + "/new"), "", Duration.ZERO));
        server.on(p + "/new", r -> Reply.json("{\"moved\":true}"));
        server.on(p + "/evil", r -> new Reply(302, Map.of("Location", "http://169.254.169.254/latest/meta-data"), "", Duration.ZERO));
        String id = source(server.url() + p, "");
        assertThat(testCall(id, "{\"endpoint\":\"/old\"}", 200).at("/response/body").asString()).contains("moved");
        JsonNode refused = testCall(id, "{\"endpoint\":\"/evil\"}", 422);
        assertThat(refused.get("detail").asString()).contains("169.254.169.254");
    }

    @Test
    void metadataLinkLocalAndPrivateDestinationsAreRefused() {
        for (String location : new String[]{"http://169.254.169.254", "http://metadata.google.internal", "http://10.1.2.3", "http://[fe80::1]"}) {
            JsonNode problem = testCall(source(location, ""), null, 422);
            assertThat(problem.get("type").asString()).as(location).isNotBlank();
        }
    }

    @Test
    void anExhaustedSourceIsWaitedForWhenTheResetIsNearAndRefusedWhenFar() {
        String p = path();
        AtomicInteger n = new AtomicInteger();
        // The first answer says: no calls left for one second.
        server.on(p, r -> n.incrementAndGet() == 1
                ? new Reply(200, Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"), "{}", Duration.ZERO)
                : Reply.json("{}"));
        String id = source(server.url() + p, "");
        testCall(id, null, 200);
        Instant resetAfter = server.received(p).get(0).at().plusMillis(900);
        testCall(id, null, 200);
        assertThat(server.received(p)).hasSize(2);
        assertThat(server.received(p).get(1).at()).as("the second call waited for the reset").isAfter(resetAfter);

        String q = path();
        server.on(q, r -> new Reply(429, Map.of("Retry-After", "3600"), "slow down", Duration.ZERO));
        String far = source(server.url() + q, "");
        JsonNode problem = testCall(far, null, 429);
        assertThat(problem.get("detail").asString()).contains("rate limited until");
        testCall(far, null, 429);
        assertThat(server.received(q)).as("nothing hammers a source that said stop").hasSize(1);
    }

    @Test
    void aSlowSourceTimesOutWithA504() {
        String p = path();
        server.on(p, r -> new Reply(200, Map.of(), "{}", Duration.ofSeconds(3)));
        String id = source(server.url() + p, ", \"configuration\": {\"timeout\": 0.3}");
        JsonNode problem = testCall(id, "{\"method\":\"POST\"}", 504);
        assertThat(problem.get("detail").asString()).contains("did not answer in time");
    }

    @Test
    void disabledSourcesAndSourcesWithoutLocationAreRefused() {
        String p = path();
        String disabled = source(server.url() + p, ", \"isEnabled\": false");
        assertThat(testCall(disabled, null, 409).get("detail").asString()).contains("not enabled");
        String noLocation = createSource("{\"name\":\"n\",\"type\":\"api\"}").get("id").asString();
        assertThat(testCall(noLocation, null, 409).get("detail").asString()).contains("no location");
        assertThat(server.received(p)).isEmpty();
    }

    @Test
    void anUnreachableSourceIsA502AfterItsRetries() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        JsonNode problem = testCall(source("http://127.0.0.1:" + closed, ""), null, 502);
        assertThat(problem.get("detail").asString()).contains("could not connect");
    }

    @Test
    void configuredHeadersQueryAcceptAndLocaleAreSentAndCallHeadersWin() {
        String p = path();
        server.on(p, r -> Reply.json("{}"));
        String id = source(server.url() + p, ", \"accept\": \"application/xml\", \"locale\": \"nl-NL\", \"configuration\": "
                + "{\"headers.X-Tenant\": \"t1\", \"headers\": {\"X-Other\": \"o\"}, \"query\": {\"fixed\": \"1\", \"q\": \"cfg\"}}");
        testCall(id, "{\"endpoint\":\"items\", \"query\": {\"q\": \"call\"}, \"headers\": {\"X-Other\": \"call\"}}", 200);
        Loopback.Received r = server.received(p).get(0);
        assertThat(r.uri()).startsWith(p + "/items?").contains("fixed=1").contains("q=call").doesNotContain("q=cfg");
        assertThat(r.header("X-Tenant")).isEqualTo("t1");
        assertThat(r.header("X-Other")).isEqualTo("call");
        assertThat(r.header("Accept")).isEqualTo("application/xml");
        assertThat(r.header("Accept-Language")).isEqualTo("nl-NL");
    }

    @Test
    void theInternalCallAnswersTheBodyAsJson() {
        String p = path();
        server.on(p, r -> new Reply(201, Map.of("Content-Type", "application/json", "X-Id", "9"), "{\"id\":9}", Duration.ZERO));
        String id = source(server.url() + p, "");
        byte[] out = web.post().uri("/internal/sources/" + id + "/call").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"method\":\"POST\",\"body\":{\"name\":\"x\"}}").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode answer = json.readTree(out);
        assertThat(answer.get("statusCode").asInt()).isEqualTo(201);
        assertThat(answer.at("/body/id").asInt()).isEqualTo(9);
        assertThat(answer.at("/headers/X-Id").asString()).isEqualTo("9");
        assertThat(server.received(p).get(0).body()).isEqualTo("{\"name\":\"x\"}");
        assertThat(server.received(p).get(0).header("Content-Type")).isEqualTo("application/json");
    }
}
