package org.openconnector.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product's main path, as an integration team would set it up through the gateway, with all six
 * services running as real processes: two systems registered as sources, a mapping, a
 * synchronization between them, a webhook subscription for its object events and a scheduled job.
 * The job's first run (scheduled at creation) writes every person to the CRM, mapped; its job log
 * carries the sync's counts; the webhook receives signed CloudEvents; a second run changes nothing.
 */
class FullPlatformFlowIT {

    private static final int PEOPLE = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ExternalSystems outside;
    private static WebTestClient web;

    @BeforeAll
    static void start() throws Exception {
        outside = new ExternalSystems(PEOPLE);
        web = WebTestClient.bindToServer().baseUrl(Platform.get().gateway.baseUrl()).responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    static void stop() {
        outside.close();
    }

    @Test
    void scheduledSynchronizationMapsWritesReportsAndNotifies() throws Exception {
        String hr = post("/api/v1/sources", "{\"name\":\"HR\",\"type\":\"api\",\"location\":\"%s\"}".formatted(outside.url("/hr"))).get("id").asString();
        String crm = post("/api/v1/sources", "{\"name\":\"CRM\",\"type\":\"api\",\"location\":\"%s\"}".formatted(outside.url("/crm"))).get("id").asString();
        String mapping = post("/api/v1/mappings", """
                {"name":"person to contact","mapping":{"fullName":"{{ first }} {{ last }}","email":"email","hrId":"id"}}
                """).get("id").asString();
        String sync = post("/api/v1/synchronizations", """
                {"name":"people to contacts","sourceId":"%s","targetId":"%s","sourceTargetMapping":"%s",
                 "sourceConfig":{"endpoint":"/people","resultsPosition":"results","idPosition":"id"},
                 "targetConfig":{"endpoint":"/contacts","idPosition":"id"}}
                """.formatted(hr, crm, mapping)).get("id").asString();
        String event = post("/api/v1/events", """
                {"name":"contact writes","eventType":"org.openconnector.synchronization.object.*"}
                """).get("id").asString();
        JsonNode subscription = post("/api/v1/events/" + event + "/subscriptions",
                "{\"callbackUrl\":\"%s\"}".formatted(outside.url("/hooks")));
        String secret = subscription.get("secret").asString();
        assertThat(secret).startsWith("whsec_");

        String job = post("/api/v1/jobs", """
                {"name":"sync people hourly","jobClass":"SynchronizationAction","interval":3600,"isEnabled":true,
                 "arguments":{"synchronizationId":"%s"}}
                """.formatted(sync)).get("id").asString();

        JsonNode log = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> finishedLog(job), l -> l != null);
        assertThat(log.get("status").asString()).as(log.toString()).isEqualTo("succeeded");
        assertThat(log.get("result").findValue("created").asInt()).as(log.toString()).isEqualTo(PEOPLE);

        assertThat(outside.contacts).hasSize(PEOPLE);
        assertThat(outside.contacts.values()).anySatisfy(c -> {
            assertThat(c.get("fullName").asString()).isEqualTo("Ada1 Lovelace");
            assertThat(c.get("email").asString()).isEqualTo("ada1@example.org");
        });

        await().atMost(Duration.ofSeconds(90)).until(() -> outside.webhooks.size() >= PEOPLE);
        for (ExternalSystems.Webhook hook : outside.webhooks) {
            assertThat(hook.headers().get("content-type")).startsWith("application/cloudevents+json");
            assertThat(JSON.readTree(hook.body()).get("type").asString()).isEqualTo("org.openconnector.synchronization.object.created");
            assertThat(signatureValid(secret, hook)).as("Standard Webhooks signature of " + hook.headers()).isTrue();
        }

        JsonNode second = post("/api/v1/synchronizations/" + sync + "/run", "");
        assertThat(second.get("counts").get("unchanged").asInt()).as(second.toString()).isEqualTo(PEOPLE);
        assertThat(second.get("counts").get("created").asInt()).isZero();
        assertThat(outside.contactWrites.get()).isEqualTo(PEOPLE);
        JsonNode contracts = get("/api/v1/synchronizations/" + sync + "/contracts");
        assertThat(contracts.get("total").asInt()).isEqualTo(PEOPLE);
    }

    private JsonNode finishedLog(String job) {
        for (JsonNode log : get("/api/v1/jobs/" + job + "/logs").get("results")) {
            String status = log.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) {
                return log;
            }
        }
        return null;
    }

    /** An independent check of the Standard Webhooks scheme: HMAC-SHA256 over id.timestamp.body. */
    private static boolean signatureValid(String secret, ExternalSystems.Webhook hook) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = hook.headers().get("webhook-id") + "." + hook.headers().get("webhook-timestamp") + "." + hook.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(hook.headers().get("webhook-signature").split(" ")).contains(expected);
    }

    private static JsonNode post(String uri, String body) {
        var spec = web.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        byte[] answer = (body.isEmpty() ? spec.exchange() : spec.bodyValue(body).exchange())
                .expectStatus().is2xxSuccessful().expectBody().returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private static JsonNode get(String uri) {
        return JSON.readTree(web.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }
}
