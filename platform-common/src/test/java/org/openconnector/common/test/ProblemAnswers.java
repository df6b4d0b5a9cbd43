package org.openconnector.common.test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every service's table-driven bad-input test makes: the request is answered with the
 * expected 4xx as {@code application/problem+json}, the body's {@code status} agrees, and the problem
 * names what to fix (in its {@code detail} or a violation's {@code propertyPath}).
 */
public final class ProblemAnswers {

    private ProblemAnswers() {
    }

    /** Sends {@code method uri} (with {@code body} of {@code type}, when not null) and returns the problem it answered. */
    public static JsonNode expectProblem(WebTestClient web, String method, String uri, MediaType type, String body, int status) {
        var request = web.method(HttpMethod.valueOf(method)).uri(uri);
        if (type != null) {
            request.contentType(type);
        }
        var spec = body == null ? request.exchange() : request.bodyValue(body).exchange();
        byte[] raw = spec.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode problem = JsonMapper.shared().readTree(raw);
        assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(status);
        return problem;
    }

    /**
     * Asserts that the problem names {@code names}: its detail or a violation's property path equals it,
     * or contains it ({@code "$"}, the whole body, must match a path exactly).
     */
    public static void assertNames(JsonNode problem, String names) {
        List<String> named = new ArrayList<>();
        named.add(problem.path("detail").asString(""));
        problem.path("violations").forEach(v -> named.add(v.path("propertyPath").asString("")));
        assertThat(named).as(problem.toString())
                .anyMatch(s -> s.equals(names) || s.contains(names) && !names.equals("$"));
    }
}
