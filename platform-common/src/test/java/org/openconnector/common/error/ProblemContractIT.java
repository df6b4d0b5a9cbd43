package org.openconnector.common.error;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.common.testapp.OutboxTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared error contract as a client meets it: every kind of bad input becomes a 4xx
 * problem+json that names what to fix, and an unexpected failure a 500 that leaks nothing.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "openconnector.outbox.enabled=false")
@AutoConfigureWebTestClient
class ProblemContractIT {

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", HttpMethod.POST, "/api/v1/widgets", "{\"name\": ", 400, "not valid JSON"),
                Arguments.of("wrong type", HttpMethod.POST, "/api/v1/widgets", "{\"name\":\"a\",\"size\":\"big\"}", 400, "size"),
                Arguments.of("wrong nested type", HttpMethod.POST, "/api/v1/widgets", "{\"name\":\"a\",\"size\":1,\"nested\":{\"count\":\"x\"}}", 400, "nested.count"),
                Arguments.of("unknown field", HttpMethod.POST, "/api/v1/widgets", "{\"name\":\"a\",\"size\":1,\"colr\":\"red\"}", 400, "Unknown field 'colr'"),
                Arguments.of("bad enum", HttpMethod.POST, "/api/v1/widgets", "{\"name\":\"a\",\"size\":1,\"colour\":\"blue\"}", 400, "[red, green]"),
                Arguments.of("bad UUID in body", HttpMethod.POST, "/api/v1/widgets", "{\"name\":\"a\",\"size\":1,\"ownerId\":\"nope\"}", 400, "ownerId"),
                Arguments.of("missing required", HttpMethod.POST, "/api/v1/widgets", "{\"size\":1}", 400, "name"),
                Arguments.of("array instead of object", HttpMethod.POST, "/api/v1/widgets", "[1,2]", 400, "wrong type"),
                Arguments.of("empty body", HttpMethod.POST, "/api/v1/widgets", "", 400, "missing"),
                Arguments.of("bad UUID in path", HttpMethod.GET, "/api/v1/widgets/not-a-uuid", null, 400, "must be a valid UUID"),
                Arguments.of("unknown id", HttpMethod.GET, "/api/v1/widgets/" + java.util.UUID.randomUUID(), null, 404, "does not exist"),
                Arguments.of("wrong method", HttpMethod.DELETE, "/api/v1/widgets", null, 405, "not allowed"),
                Arguments.of("unknown path", HttpMethod.GET, "/api/v1/nothing-here", null, 404, "No"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersBadInputWithProblemJsonNamingTheProblem(String name, HttpMethod method, String path, String body,
                                                        int status, String mentions) {
        var spec = web.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        var exchange = body == null ? spec.exchange() : spec.bodyValue(body).exchange();
        String answer = exchange.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(answer).contains("\"status\":" + status).contains("\"traceId\"").contains(mentions);
    }

    @org.junit.jupiter.api.Test
    void wrongContentTypeIs415() {
        web.post().uri("/api/v1/widgets").contentType(MediaType.TEXT_PLAIN).bodyValue("name=a").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void unexpectedFailureIs500WithoutInternalsAndIsLoggedWithTheRequestId(org.springframework.boot.test.system.CapturedOutput output) {
        String answer = web.get().uri("/api/v1/widgets/boom").header("X-Request-Id", "boom-trace-42").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(answer).doesNotContain("internal detail").doesNotContain("Exception").contains("boom-trace-42");
        // The error is logged (with its stack) on the server, on a line that carries the request id.
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(l -> l.contains("Unhandled error")).findFirst()).hasValueSatisfying(l -> assertThat(l).contains("[boom-trace-42]")));
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(l -> l.contains("GET /api/v1/widgets/boom 500")).findFirst()).hasValueSatisfying(l -> assertThat(l).contains("[boom-trace-42]")));
    }
}
