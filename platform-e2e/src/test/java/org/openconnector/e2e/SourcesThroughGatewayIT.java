package org.openconnector.e2e;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's first minutes, through the gateway, against the real connector-service process:
 * create, read, list (paging and a filter), update and delete a source; the secrets sent never come
 * back in any answer nor in any event; the three lifecycle events arrive on platform.events.
 */
class SourcesThroughGatewayIT {

    private static final List<String> SECRETS = List.of("sk-live-E2E-APIKEY", "pw-E2E-PASSWORD", "cs-E2E-CLIENTSECRET");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Platform platform;
    private static WebTestClient web;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        web = WebTestClient.bindToServer().baseUrl(platform.gateway.baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void sourceLifecycleThroughTheGatewayKeepsSecretsAndPublishesEvents() {
        String marker = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String created = web.post().uri("/api/v1/sources").contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", marker)
                .bodyValue("""
                        {"name": "Petstore %s", "type": "api", "location": "https://petstore.example.org/v1",
                         "auth": "apikey", "apikey": "sk-live-E2E-APIKEY", "password": "pw-E2E-PASSWORD",
                         "authenticationConfig": {"client_secret": "cs-E2E-CLIENTSECRET", "header": "X-Api-Key"},
                         "configuration": {"headers": {"Accept": "application/json"}}}
                        """.formatted(marker))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Request-Id", marker)
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoSecret(created);
        JsonNode source = JSON.readTree(created);
        String id = source.get("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(source.get("uuid").asString()).isEqualTo(id);
        assertThat(source.get("apikey").asString()).isNotBlank();

        String read = web.get().uri("/api/v1/sources/{id}", id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoSecret(read);
        assertThat(JSON.readTree(read).get("name").asString()).isEqualTo("Petstore " + marker);

        for (int i = 0; i < 3; i++) {
            web.post().uri("/api/v1/sources").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\": \"Other %s %d\", \"type\": \"json\", \"location\": \"https://other.example.org\"}".formatted(marker, i))
                    .exchange().expectStatus().isCreated();
        }
        String page = web.get().uri("/api/v1/sources?_search={m}&_limit=2&_page=1&_order[name]=asc", marker)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertNoSecret(page);
        JsonNode envelope = JSON.readTree(page);
        assertThat(envelope.get("total").asInt()).isEqualTo(4);
        assertThat(envelope.get("pages").asInt()).isEqualTo(2);
        assertThat(envelope.get("limit").asInt()).isEqualTo(2);
        assertThat(envelope.get("results")).hasSize(2);
        JsonNode filtered = JSON.readTree(web.get().uri("/api/v1/sources?_search={m}&type=api", marker)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(filtered.get("total").asInt()).isEqualTo(1);
        assertThat(filtered.get("results").get(0).get("id").asString()).isEqualTo(id);

        String updated = web.put().uri("/api/v1/sources/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Petstore renamed %s\", \"type\": \"api\", \"location\": \"https://petstore.example.org/v2\", \"auth\": \"apikey\"}".formatted(marker))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertNoSecret(updated);
        JsonNode after = JSON.readTree(updated);
        assertThat(after.get("name").asString()).isEqualTo("Petstore renamed " + marker);
        assertThat(after.get("apikey").asString()).as("an update that omits a secret keeps it").isNotBlank();

        web.delete().uri("/api/v1/sources/{id}", id).exchange().expectStatus().is2xxSuccessful();
        web.get().uri("/api/v1/sources/{id}", id).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        try (KafkaTestConsumer events = new KafkaTestConsumer(platform.infra.kafkaBootstrap(), Topics.PLATFORM_EVENTS)) {
            List<ConsumerRecord<String, String>> lifecycle = events.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(60));
            assertThat(lifecycle).extracting(r -> JSON.readTree(r.value()).get("type").asString())
                    .containsExactly("org.openconnector.source.created", "org.openconnector.source.updated",
                            "org.openconnector.source.deleted");
            lifecycle.forEach(r -> assertNoSecret(r.value()));
        }
    }

    @Test
    void badInputThroughTheGatewayIsProblemJsonFromTheService() {
        web.post().uri("/api/v1/sources").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\": \"carrier-pigeon\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.violations").isArray();
        web.get().uri("/api/v1/sources/not-a-uuid").exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
