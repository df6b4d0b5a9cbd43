package org.openconnector.connector.source;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.connector.ConnectorIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Source resource end to end: CRUD, secrets at rest and on read, list query, events. */
class SourceApiIT extends ConnectorIT {

    private static final String FULL = """
            {"name": "Zaken API %s", "description": "zaken", "reference": "https://ref/1", "location": "https://zaken.example.org/api",
             "isEnabled": true, "type": "api", "authorizationHeader": "Bearer hdr-SECRET-1", "auth": "oauth",
             "authenticationConfig": {"tokenUrl": "https://idp/token", "client_id": "cid", "client_secret": "cs-SECRET-2",
                                      "nested": {"password": "pw-SECRET-3"}},
             "authorizationPassthroughMethod": "header", "locale": "nl-NL", "accept": "application/json",
             "jwt": "jwt-SECRET-4", "jwtId": "kid-1", "secret": "sec-SECRET-5", "username": "ann",
             "password": "pass-SECRET-6", "apikey": "key-SECRET-7", "documentation": "https://docs",
             "loggingConfig": {"logBody": true}, "oas": [{"openapi": "3.0.0"}], "paths": [{"path": "/zaken"}],
             "headers": [{"X-Tenant": "a"}], "translationConfig": [{"from": "nl"}],
             "configuration": {"timeout": 5, "headers.Authorization": "Basic cfg-SECRET-8"}, "endpointsConfig": {"a": {}}}
            """;
    private static final List<String> SECRETS = List.of("hdr-SECRET-1", "cs-SECRET-2", "pw-SECRET-3", "jwt-SECRET-4",
            "sec-SECRET-5", "pass-SECRET-6", "key-SECRET-7", "cfg-SECRET-8");

    @Test
    void createsReadsUpdatesAndDeletesWithEveryFieldAndNoSecretInClear() {
        JsonNode created = createSource(FULL.formatted(UUID.randomUUID()));
        String id = created.get("id").asString();
        assertThat(created.get("uuid").asString()).isEqualTo(id);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.get("created").asString()).isNotBlank();
        assertThat(created.get("version").asString()).isEqualTo("0.0.1");
        assertThat(created.get("locale").asString()).isEqualTo("nl-NL");
        assertThat(created.get("oas").get(0).get("openapi").asString()).isEqualTo("3.0.0");
        assertThat(created.get("endpointsConfig").has("a")).isTrue();
        for (String f : List.of("authorizationHeader", "jwt", "secret", "password", "apikey")) {
            assertThat(created.get(f).asString()).as(f).isEqualTo(SourceSecrets.MASK);
        }
        assertThat(created.at("/authenticationConfig/client_secret").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(created.at("/authenticationConfig/client_id").asString()).isEqualTo("cid");
        assertThat(created.at("/authenticationConfig/nested/password").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(created.at("/configuration/headers.Authorization").asString()).isEqualTo(SourceSecrets.MASK);
        assertNoSecret(created.toString());

        String read = web.get().uri("/api/v1/sources/" + id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoSecret(read);
        assertThat(json.readTree(read)).isEqualTo(created);

        // The database holds ciphertext with a key id, never the plaintext.
        String row = db.sql("select cast(s.* as text) from source s where id = :id").bind("id", UUID.fromString(id))
                .map(r -> r.get(0, String.class)).one().block();
        assertNoSecret(row);
        String password = db.sql("select password from source where id = :id").bind("id", UUID.fromString(id))
                .map(r -> r.get(0, String.class)).one().block();
        assertThat(password).startsWith("enc:v1:test:");

        // PUT that omits secrets (and sends masks back) keeps them; "" clears one.
        JsonNode update = json.readTree(read);
        ((tools.jackson.databind.node.ObjectNode) update).remove(List.of("password", "apikey", "authenticationConfig"));
        ((tools.jackson.databind.node.ObjectNode) update).put("name", "Renamed").put("jwt", "");
        JsonNode updated = put(id, update.toString());
        assertThat(updated.get("name").asString()).isEqualTo("Renamed");
        assertThat(updated.get("version").asString()).isEqualTo("0.0.2");
        assertThat(updated.get("password").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(updated.get("secret").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(updated.get("jwt").isNull()).isTrue();
        assertThat(updated.at("/authenticationConfig/client_secret").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(updated.at("/configuration/headers.Authorization").asString()).isEqualTo(SourceSecrets.MASK);
        assertThat(updated.get("created").asString()).isEqualTo(created.get("created").asString());
        assertThat(updated.get("updated").asString()).isNotEqualTo(created.get("updated").asString());
        Map<String, String> kept = storedSecrets(id);
        assertThat(kept.get("password")).isEqualTo("pass-SECRET-6");
        assertThat(kept.get("client_secret")).isEqualTo("cs-SECRET-2");
        assertThat(kept.get("cfgAuth")).isEqualTo("Basic cfg-SECRET-8");
        assertThat(kept.get("jwt")).isNull();

        web.delete().uri("/api/v1/sources/" + id).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/sources/" + id).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.delete().uri("/api/v1/sources/" + id).exchange().expectStatus().isNotFound();

        try (KafkaTestConsumer consumer = new KafkaTestConsumer(RealInfrastructure.get().kafkaBootstrap(), Topics.PLATFORM_EVENTS)) {
            List<ConsumerRecord<String, String>> events = consumer.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(30));
            assertThat(events).extracting(r -> json.readTree(r.value()).get("type").asString()).containsExactly(
                    "org.openconnector.source.created", "org.openconnector.source.updated", "org.openconnector.source.deleted");
            for (ConsumerRecord<String, String> event : events) {
                JsonNode e = json.readTree(event.value());
                assertThat(e.get("source").asString()).isEqualTo("/connector-service");
                assertThat(e.get("subject").asString()).isEqualTo(id);
                assertThat(e.at("/data/id").asString()).isEqualTo(id);
                assertNoSecret(event.value());
                assertThat(event.value()).doesNotContain("enc:v1");
            }
        }
    }

    @Test
    void updatingAnUnknownSourceIs404AndAMismatchedBodyIdIs400() {
        String body = "{\"name\":\"x\",\"type\":\"api\"}";
        web.put().uri("/api/v1/sources/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("Source"));
        String id = createSource(body).get("id").asString();
        web.put().uri("/api/v1/sources/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"type\":\"api\",\"uuid\":\"" + UUID.randomUUID() + "\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.violations[0].propertyPath").isEqualTo("id");
    }

    @Test
    void createWithAGivenUuidKeepsItAndADuplicateIsAConflict() {
        String uuid = UUID.randomUUID().toString();
        String body = "{\"uuid\":\"" + uuid + "\",\"name\":\"imported\",\"type\":\"xml\"}";
        assertThat(createSource(body).get("id").asString()).isEqualTo(uuid);
        web.post().uri("/api/v1/sources").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private JsonNode put(String id, String body) {
        byte[] out = web.put().uri("/api/v1/sources/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }

    private Map<String, String> storedSecrets(String id) {
        return db.sql("select password, jwt, authentication_config ->> 'client_secret' as cs, "
                        + "configuration ->> 'headers.Authorization' as ca from source where id = :id")
                .bind("id", UUID.fromString(id))
                .map(r -> {
                    java.util.HashMap<String, String> m = new java.util.HashMap<>();
                    m.put("password", reveal(r.get("password", String.class)));
                    m.put("jwt", reveal(r.get("jwt", String.class)));
                    m.put("client_secret", reveal(r.get("cs", String.class)));
                    m.put("cfgAuth", reveal(r.get("ca", String.class)));
                    return (Map<String, String>) m;
                }).one().block();
    }

    private String reveal(String stored) {
        return stored == null ? null : secrets.reveal(stored);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private SourceSecrets secrets;

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
