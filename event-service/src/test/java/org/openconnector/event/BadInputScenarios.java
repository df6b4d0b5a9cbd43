package org.openconnector.event;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.ProblemAnswers;
import org.openconnector.event.support.ScenarioSupport;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every endpoint answers malformed JSON, wrong types, missing/unknown fields, bad enums and unknown
 * ids with a 4xx problem+json, never a 5xx. {EVENT} and {SUB} are replaced by real ids.
 */
abstract class BadInputScenarios extends ScenarioSupport {

    // one event and subscription for the whole table: the cases only read them or are refused
    private static String eventId;
    private static String subscriptionId;

    @BeforeEach
    void existing() {
        if (eventId == null) {
            eventId = createEvent(uniqueType("bad.input"), Map.of());
            subscriptionId = (String) subscribe(eventId, "http://127.0.0.1:9/hook", Map.of()).get("id");
        }
    }

    static Stream<Arguments> badRequests() {
        String missing = UUID.randomUUID().toString();
        return Stream.of(
                // events
                arguments("POST", "/api/v1/events", "{", 400),
                arguments("POST", "/api/v1/events", "[]", 400),
                arguments("POST", "/api/v1/events", "null", 400),
                arguments("POST", "/api/v1/events", "{}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"has space\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a*b\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"priority\":0}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"priority\":11}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"priority\":\"high\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"timeout\":0}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"isEnabled\":\"maybe\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"scheduleAfter\":\"soon\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"scheduleAfter\":\"P90D\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"payload\":[1]}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"retentionPeriod\":-1}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"id\":\"not-a-uuid\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"x\",\"eventType\":\"a.b\",\"colour\":\"red\"}", 400),
                arguments("POST", "/api/v1/events", "{\"name\":\"" + "n".repeat(300) + "\",\"eventType\":\"a.b\"}", 400),
                arguments("PUT", "/api/v1/events/{EVENT}", "{\"name\":\"x\",\"eventType\":\"a.b\",\"id\":\"" + missing + "\"}", 400),
                arguments("PUT", "/api/v1/events/{EVENT}", "{\"name\":\"x\"}", 400),
                arguments("PUT", "/api/v1/events/" + missing, "{\"name\":\"x\",\"eventType\":\"a.b\"}", 404),
                arguments("GET", "/api/v1/events/" + missing, null, 404),
                arguments("GET", "/api/v1/events/not-a-uuid", null, 404),
                arguments("DELETE", "/api/v1/events/" + missing, null, 404),
                arguments("GET", "/api/v1/events?_limit=0", null, 400),
                arguments("GET", "/api/v1/events?_page=x", null, 400),
                arguments("GET", "/api/v1/events?colour=red", null, 400),
                arguments("GET", "/api/v1/events?_order[secret]=asc", null, 400),
                arguments("POST", "/api/v1/events/{EVENT}/trigger", "{\"data\":1,\"extra\":true}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/trigger", "{\"type\":\"something.else\"}", 400),
                arguments("POST", "/api/v1/events/" + missing + "/trigger", "{}", 404),
                // subscriptions
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"not a url\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"ftp://example.com/x\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"/relative\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://169.254.169.254/latest/meta-data\"}", 422),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://metadata.google.internal/\"}", 422),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"secret\":\"plain\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"secret\":\"whsec_!!!\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"secret\":\"whsec_c2hvcnQ=\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"filters\":{\"colour\":\"red\"}}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"filters\":[\"source\"]}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"eventId\":\"" + missing + "\"}", 400),
                arguments("POST", "/api/v1/events/{EVENT}/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"sink\":\"x\"}", 400),
                arguments("POST", "/api/v1/events/" + missing + "/subscriptions", "{\"callbackUrl\":\"http://127.0.0.1/x\"}", 404),
                arguments("GET", "/api/v1/events/" + missing + "/subscriptions", null, 404),
                arguments("PUT", "/api/v1/subscriptions/{SUB}", "{\"callbackUrl\":\"http://169.254.169.254/\"}", 422),
                arguments("PUT", "/api/v1/subscriptions/{SUB}", "{\"callbackUrl\":\"http://127.0.0.1/x\",\"isEnabled\":[]}", 400),
                arguments("PUT", "/api/v1/subscriptions/" + missing, "{\"callbackUrl\":\"http://127.0.0.1/x\"}", 404),
                arguments("GET", "/api/v1/subscriptions/" + missing, null, 404),
                arguments("DELETE", "/api/v1/subscriptions/" + missing, null, 404),
                arguments("POST", "/api/v1/subscriptions/{SUB}/rotate-secret", "{\"secret\":\"nope\"}", 400),
                arguments("POST", "/api/v1/subscriptions/" + missing + "/rotate-secret", "{}", 404),
                // messages
                arguments("GET", "/api/v1/event-messages?status=lost", null, 400),
                arguments("GET", "/api/v1/event-messages?subscriptionId=abc", null, 400),
                arguments("GET", "/api/v1/event-messages?from=yesterday", null, 400),
                arguments("GET", "/api/v1/event-messages?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", null, 400),
                arguments("GET", "/api/v1/event-messages?colour=red", null, 400),
                arguments("GET", "/api/v1/event-messages/" + missing, null, 404),
                arguments("GET", "/api/v1/events/" + missing + "/messages", null, 404),
                arguments("POST", "/api/v1/event-messages/" + missing + "/retry", null, 404),
                arguments("POST", "/api/v1/event-messages/retry", "{\"status\":\"lost\"}", 400),
                arguments("POST", "/api/v1/event-messages/retry", "{\"from\":12}", 400),
                arguments("POST", "/api/v1/event-messages/retry", "{\"subscriptionId\":\"x\"}", 400),
                arguments("POST", "/api/v1/event-messages/retry", "{\"unknown\":true}", 400),
                arguments("POST", "/api/v1/event-messages/retry", "not json", 400));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void answersBadInputWithA4xxProblem(String method, String path, String body, int status) {
        String uri = path.replace("{EVENT}", eventId).replace("{SUB}", subscriptionId);
        JsonNode problem = ProblemAnswers.expectProblem(web, method, uri, body == null ? null : MediaType.APPLICATION_JSON, body, status);
        assertThat(problem.path("detail").asString("")).as(problem.toString()).isNotBlank();
    }
}
