package org.openconnector.job.run;

import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.job.JobIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/jobs/{id}/run}, the job classes that finish in the run, job logs and their retention. */
class ManualRunIT extends JobIT {

    @Test
    void disabledJobRunsOnlyWhenForcedAndEventActionPublishesItsEvent() {
        String type = "org.example.manual." + UUID.randomUUID().toString().substring(0, 8);
        String job = createJob(Map.of("name", "event", "jobClass", "EventAction", "isEnabled", false,
                "arguments", Map.of("eventType", type, "data", Map.of("hello", "world")))).path("id").asString();

        web.post().uri("/api/v1/jobs/" + job + "/run").exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode log = run(job, true, 200);
        assertThat(log.path("level").asString()).isEqualTo("SUCCESS");
        assertThat(log.path("status").asString()).isEqualTo("succeeded");
        assertThat(log.path("forced").asBoolean()).isTrue();
        assertThat(log.path("manual").asBoolean()).isTrue();
        assertThat(log.path("jobClass").asString()).isEqualTo("EventAction");
        assertThat(log.path("executionTime").asLong()).isGreaterThanOrEqualTo(0);
        // a manual run leaves the schedule alone
        assertThat(get("/api/v1/jobs/" + job).path("nextRun").isNull()).isTrue();

        try (var events = new KafkaTestConsumer(bootstrap(), Topics.PLATFORM_EVENTS)) {
            var published = events.await(r -> r.value().contains("\"type\":\"" + type + "\""), 1, Duration.ofSeconds(20));
            assertThat(published).hasSize(1);
            JsonNode event = json.readTree(published.get(0).value());
            assertThat(event.path("source").asString()).isEqualTo("/job-service");
            assertThat(event.path("data").path("hello").asString()).isEqualTo("world");
            var runEvents = events.await(r -> job.equals(r.key()) && r.value().contains("org.openconnector.job.run."), 2, Duration.ofSeconds(20));
            assertThat(runEvents).extracting(r -> json.readTree(r.value()).path("type").asString())
                    .containsExactly("org.openconnector.job.run.started", "org.openconnector.job.run.finished");
        }
    }

    @Test
    void pingLogsStatusAndLatencyAndAMissingSourceOrRefusedDestinationIsAnError() {
        JsonNode healthy = run(ping(Map.of("sourceId", "healthy")), true, 200);
        assertThat(healthy.path("level").asString()).isEqualTo("SUCCESS");
        assertThat(healthy.path("result").path("status").asInt()).isEqualTo(200);
        assertThat(healthy.path("result").has("latencyMs")).isTrue();
        assertThat(CONNECTOR.hits("/api/v1/sources/healthy/test")).isGreaterThanOrEqualTo(1);

        JsonNode missing = run(ping(Map.of("sourceId", "gone")), true, 200);
        assertThat(missing.path("level").asString()).isEqualTo("ERROR");
        assertThat(missing.path("status").asString()).isEqualTo("failed");
        assertThat(missing.path("message").asString()).contains("404");

        JsonNode metadata = run(ping(Map.of("url", "http://169.254.169.254/latest/meta-data")), true, 200);
        assertThat(metadata.path("level").asString()).isEqualTo("ERROR");
        assertThat(metadata.path("message").asString()).contains("refused");
    }

    @Test
    void logsAreFilteredNewestFirstAndPrunedAfterTheirRetention() {
        String job = createJob(Map.of("name", "short-lived logs", "jobClass", "PingAction", "logRetention", 1,
                "errorRetention", 3600, "isEnabled", false, "arguments", Map.of("sourceId", "healthy"))).path("id").asString();
        JsonNode first = run(job, true, 200);
        JsonNode second = run(job, true, 200);
        Instant created = Instant.parse(first.path("created").asString());
        assertThat(Instant.parse(first.path("expires").asString())).isBetween(created, created.plusSeconds(3));

        JsonNode page = get("/api/v1/jobs/" + job + "/logs?_limit=1");
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("pages").asLong()).isEqualTo(2);
        assertThat(page.path("results").get(0).path("id").asString()).isEqualTo(second.path("id").asString());
        assertThat(get("/api/v1/job-logs?job=" + job + "&level=SUCCESS").path("total").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/job-logs?job=" + job + "&level=ERROR").path("total").asLong()).isZero();
        assertThat(get("/api/v1/job-logs?job=" + job + "&date_from=" + Instant.now().plusSeconds(60)).path("total").asLong()).isZero();
        assertThat(get("/api/v1/job-logs?job=" + job + "&date_from=" + created.minusSeconds(60) + "&date_to="
                + Instant.now().plusSeconds(1)).path("total").asLong()).isEqualTo(2);

        String failing = ping(Map.of("sourceId", "gone"));
        JsonNode error = run(failing, true, 200);
        Instant errorCreated = Instant.parse(error.path("created").asString());
        assertThat(Instant.parse(error.path("expires").asString())).isAfter(errorCreated.plusSeconds(3000));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> retention.prune(1).block() >= 0 && get("/api/v1/jobs/" + job + "/logs").path("total").asLong() == 0);
        assertThat(get("/api/v1/jobs/" + failing + "/logs").path("total").asLong()).isEqualTo(1);
    }

    private String ping(Map<String, Object> arguments) {
        return createJob(Map.of("name", "ping", "jobClass", "PingAction", "arguments", arguments, "isEnabled", false))
                .path("id").asString();
    }

    private JsonNode run(String job, boolean force, int status) {
        return json.readTree(web.post().uri("/api/v1/jobs/" + job + "/run" + (force ? "?force=true" : "")).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
    }
}
