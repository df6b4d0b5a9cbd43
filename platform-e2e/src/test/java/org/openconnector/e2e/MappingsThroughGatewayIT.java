package org.openconnector.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mappings as a user meets them through the gateway: CRUD, refusal of a template that does not
 * parse and of an unknown cast, and the live test endpoint in both its shapes (the seed's
 * {@code {mapping, data}} and OpenConnector's {@code {inputObject, mapping}}) with a stored mapping.
 */
class MappingsThroughGatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WebTestClient web;

    @BeforeAll
    static void start() throws Exception {
        web = WebTestClient.bindToServer().baseUrl(Platform.get().gateway.baseUrl()).responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void mappingLifecycleValidationAndLiveTestsThroughTheGateway() {
        JsonNode created = send("POST", "/api/v1/mappings", """
                {"name":"person","mapping":{"fullName":"{{ first }} {{ last }}","age":"age"},"cast":{"age":"integer"}}
                """, 201);
        String id = created.get("id").asString();
        assertThat(created.get("uuid").asString()).isEqualTo(id);
        assertThat(created.get("dateCreated").isNull()).isFalse();

        assertThat(send("GET", "/api/v1/mappings/" + id, null, 200).get("name").asString()).isEqualTo("person");
        assertThat(send("GET", "/api/v1/mappings?name=person", null, 200).get("total").asInt()).isPositive();
        JsonNode updated = send("PUT", "/api/v1/mappings/" + id, """
                {"name":"person v2","mapping":{"fullName":"{{ first }} {{ last }}","age":"age"},"cast":{"age":"integer"}}
                """, 200);
        assertThat(updated.get("name").asString()).isEqualTo("person v2");

        JsonNode badTemplate = send("POST", "/api/v1/mappings", "{\"name\":\"bad\",\"mapping\":{\"x\":\"{{ first \"}}", 400);
        assertThat(badTemplate.toString()).contains("mapping.x");
        JsonNode badCast = send("POST", "/api/v1/mappings", "{\"name\":\"bad\",\"mapping\":{\"x\":\"a\"},\"cast\":{\"x\":\"no-such-cast\"}}", 400);
        assertThat(badCast.toString()).contains("cast.x");

        JsonNode seedShape = send("POST", "/api/v1/mappings/test", """
                {"mapping":"%s","data":{"first":"Ada","last":"Lovelace","age":"36"}}
                """.formatted(id), 200);
        assertThat(seedShape.get("success").asBoolean()).as(seedShape.toString()).isTrue();
        assertThat(seedShape.get("data").get("fullName").asString()).isEqualTo("Ada Lovelace");
        assertThat(seedShape.get("data").get("age").asInt()).isEqualTo(36);

        JsonNode ocShape = send("POST", "/api/v1/mappings/test", """
                {"inputObject":{"first":"Grace","last":"Hopper","age":"85"},"mapping":{"mapping":{"name":"{{ first }} {{ last }}"}}}
                """, 200);
        assertThat(ocShape.get("isValid").asBoolean()).as(ocShape.toString()).isTrue();
        assertThat(ocShape.get("resultObject").get("name").asString()).isEqualTo("Grace Hopper");

        send("DELETE", "/api/v1/mappings/" + id, null, 204);
        send("GET", "/api/v1/mappings/" + id, null, 404);
    }

    private static JsonNode send(String method, String uri, String body, int status) {
        var spec = web.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri).contentType(MediaType.APPLICATION_JSON);
        byte[] answer = (body == null ? spec.exchange() : spec.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return answer == null || answer.length == 0 ? JSON.nullNode() : JSON.readTree(answer);
    }
}
