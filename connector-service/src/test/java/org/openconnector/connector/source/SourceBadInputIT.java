package org.openconnector.connector.source;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.ProblemAnswers;
import org.openconnector.connector.ConnectorIT;
import org.springframework.http.MediaType;

import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input on every Sources endpoint gives a 4xx problem+json that names what is wrong: the
 * violation's property path, or the detail text where there is no single field. Never a 5xx.
 */
class SourceBadInputIT extends ConnectorIT {

    private static final String P = "/api/v1/sources";
    private static final String OK = "\"name\":\"n\",\"type\":\"api\"";

    static Stream<Arguments> cases() {
        String unknown = P + "/" + UUID.randomUUID();
        return Stream.of(
                // method, path, content type, body, status, violation path or detail fragment
                arguments("POST", P, "json", "{\"name\":", 400, "not valid JSON"),
                arguments("POST", P, "json", "", 400, "missing"),
                arguments("POST", P, "json", "null", 400, "$"),
                arguments("POST", P, "json", "[]", 400, "$"),
                arguments("POST", P, "json", "\"text\"", 400, "$"),
                arguments("POST", P, "text", "name=n", 415, "not supported"),
                arguments("POST", P, "json", "{\"type\":\"api\"}", 400, "name"),
                arguments("POST", P, "json", "{\"name\":\"  \",\"type\":\"api\"}", 400, "name"),
                arguments("POST", P, "json", "{\"name\":\"n\"}", 400, "type"),
                arguments("POST", P, "json", "{\"name\":12,\"type\":\"api\"}", 400, "name"),
                arguments("POST", P, "json", "{\"name\":\"" + "x".repeat(256) + "\",\"type\":\"api\"}", 400, "name"),
                arguments("POST", P, "json", "{\"name\":\"n\",\"type\":\"rest\"}", 400, "type"),
                arguments("POST", P, "json", "{" + OK + ",\"auth\":\"basic\"}", 400, "auth"),
                arguments("POST", P, "json", "{" + OK + ",\"auth\":7}", 400, "auth"),
                arguments("POST", P, "json", "{" + OK + ",\"authorizationPassthroughMethod\":\"cookie\"}", 400, "authorizationPassthroughMethod"),
                arguments("POST", P, "json", "{" + OK + ",\"isEnabled\":\"yes\"}", 400, "isEnabled"),
                arguments("POST", P, "json", "{" + OK + ",\"isEnabled\":1}", 400, "isEnabled"),
                arguments("POST", P, "json", "{" + OK + ",\"colour\":\"red\"}", 400, "colour"),
                arguments("POST", P, "json", "{" + OK + ",\"oas\":{}}", 400, "oas"),
                arguments("POST", P, "json", "{" + OK + ",\"paths\":[1,2]}", 400, "paths"),
                arguments("POST", P, "json", "{" + OK + ",\"configuration\":\"x\"}", 400, "configuration"),
                arguments("POST", P, "json", "{" + OK + ",\"authenticationConfig\":[]}", 400, "authenticationConfig"),
                arguments("POST", P, "json", "{" + OK + ",\"password\":{\"a\":1}}", 400, "password"),
                arguments("POST", P, "json", "{" + OK + ",\"uuid\":\"not-a-uuid\"}", 400, "uuid"),
                arguments("POST", P, "json", "{" + OK + ",\"id\":42}", 400, "id"),
                arguments("POST", P, "json", "{" + OK + ",\"id\":\"" + UUID.randomUUID() + "\",\"uuid\":\"" + UUID.randomUUID() + "\"}", 400, "id"),
                arguments("POST", P, "json", "{\"name\":1,\"type\":\"x\",\"extra\":true}", 400, "extra"),
                arguments("POST", P, "json", "{" + OK + ",\"description\":\"" + " ".repeat(1024 * 1024) + "\"}", 413, "at most"),
                arguments("GET", P + "/not-a-uuid", null, null, 400, "id"),
                arguments("GET", unknown, null, null, 404, "does not exist"),
                arguments("PUT", P + "/not-a-uuid", "json", "{" + OK + "}", 400, "id"),
                arguments("PUT", unknown, "json", "{" + OK + "}", 404, "does not exist"),
                arguments("PUT", unknown, "json", "{\"name\":true}", 400, "name"),
                arguments("PUT", unknown, "json", "{" + OK, 400, "not valid JSON"),
                arguments("DELETE", P + "/not-a-uuid", null, null, 400, "id"),
                arguments("DELETE", unknown, null, null, 404, "does not exist"),
                arguments("PATCH", unknown, "json", "{}", 405, "not allowed"),
                arguments("GET", P + "?_limit=0", null, null, 400, "_limit"),
                arguments("GET", P + "?_limit=501", null, null, 400, "_limit"),
                arguments("GET", P + "?_limit=abc", null, null, 400, "_limit"),
                arguments("GET", P + "?_page=-1", null, null, 400, "_page"),
                arguments("GET", P + "?_order[colour]=asc", null, null, 400, "_order[colour]"),
                arguments("GET", P + "?_order[name]=up", null, null, 400, "_order[name]"),
                arguments("GET", P + "?colour=red", null, null, 400, "colour"),
                arguments("GET", P + "?type=rest", null, null, 400, "type"),
                arguments("GET", P + "?auth=basic", null, null, 400, "auth"),
                arguments("GET", P + "?isEnabled=maybe", null, null, 400, "isEnabled"));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4}")
    @MethodSource("cases")
    void answersProblemJsonNamingTheField(String method, String path, String type, String body, int status, String names) {
        MediaType mediaType = type == null ? null : type.equals("json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
        ProblemAnswers.assertNames(ProblemAnswers.expectProblem(web, method, path, mediaType, body, status), names);
    }
}
