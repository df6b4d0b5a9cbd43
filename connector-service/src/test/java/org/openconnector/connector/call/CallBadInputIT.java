package org.openconnector.connector.call;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.ProblemAnswers;
import org.openconnector.connector.ConnectorIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input on the test, internal call and logs endpoints: a 4xx problem+json naming the field, never a 5xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallBadInputIT extends ConnectorIT {

    private String id;

    @BeforeAll
    void source() {
        id = createSource("{\"name\":\"bad input\",\"type\":\"api\",\"location\":\"http://127.0.0.1:9\"}").get("id").asString();
    }

    Stream<Arguments> cases() {
        String unknown = UUID.randomUUID().toString();
        List<Arguments> list = new ArrayList<>();
        for (String action : new String[]{"/api/v1/sources/%s/test", "/internal/sources/%s/call"}) {
            list.add(arguments("POST", action, "{", 400, "not valid JSON"));
            list.add(arguments("POST", action, "{\"colour\":1}", 400, "colour"));
            list.add(arguments("POST", action, "{\"method\":\"FETCH\"}", 400, "method"));
            list.add(arguments("POST", action, "{\"method\":[]}", 400, "method"));
            list.add(arguments("POST", action, "{\"headers\":[1]}", 400, "headers"));
            list.add(arguments("POST", action, "{\"query\":\"a=b\"}", 400, "query"));
            list.add(arguments("POST", action, "{\"timeoutMs\":-1}", 400, "timeoutMs"));
            list.add(arguments("POST", action, "{\"timeoutMs\":\"soon\"}", 400, "timeoutMs"));
            list.add(arguments("POST", action.replace("%s", "not-a-uuid"), "{}", 400, "id"));
            list.add(arguments("POST", action.replace("%s", unknown), "{}", 404, "does not exist"));
        }
        list.add(arguments("GET", "/api/v1/sources/%s/logs?statusCode=abc", null, 400, "statusCode"));
        list.add(arguments("GET", "/api/v1/sources/%s/logs?statusCode=999", null, 400, "statusCode"));
        list.add(arguments("GET", "/api/v1/sources/%s/logs?date_from=yesterday", null, 400, "date_from"));
        list.add(arguments("GET", "/api/v1/sources/%s/logs?date_to=2026-13-01", null, 400, "date_to"));
        list.add(arguments("GET", "/api/v1/sources/%s/logs?colour=red", null, 400, "colour"));
        list.add(arguments("GET", "/api/v1/sources/%s/logs?_limit=0", null, 400, "_limit"));
        list.add(arguments("GET", "/api/v1/sources/" + unknown + "/logs", null, 404, "does not exist"));
        list.add(arguments("GET", "/api/v1/sources/nope/logs", null, 400, "id"));
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("cases")
    void answersProblemJson(String method, String path, String body, int status, String names) {
        JsonNode problem = ProblemAnswers.expectProblem(web, method, path.formatted(id), body == null ? null : MediaType.APPLICATION_JSON, body, status);
        ProblemAnswers.assertNames(problem, names);
    }
}
