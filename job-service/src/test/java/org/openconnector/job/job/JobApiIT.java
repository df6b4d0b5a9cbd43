package org.openconnector.job.job;

import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.job.JobIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobApiIT extends JobIT {

    @Test
    void createsReadsUpdatesAndDeletesAJobWithEveryFieldAndPublishesEvents() {
        Instant after = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Nightly zaken sync");
        body.put("description", "pulls zaken");
        body.put("jobClass", "OCA\\OpenConnector\\Action\\SynchronizationAction");
        body.put("arguments", Map.of("synchronizationId", "sync-42", "force", true));
        body.put("interval", 900);
        body.put("executionTime", 120);
        body.put("timeSensitive", false);
        body.put("allowParallelRuns", true);
        body.put("isEnabled", true);
        body.put("singleRun", false);
        body.put("scheduleAfter", after.toString());
        body.put("userId", "admin");
        body.put("jobListId", "17");
        body.put("logRetention", 600);
        body.put("errorRetention", 7200);
        body.put("version", "1.2.0");
        body.put("lastRun", "2019-08-24T14:15:22Z");
        body.put("nextRun", "2019-08-24T14:15:22Z");
        JsonNode job = createJob(body);
        String id = job.path("id").asString();

        assertThat(job.path("uuid").asString()).isEqualTo(id);
        assertThat(job.path("jobClass").asString()).isEqualTo("SynchronizationAction");
        assertThat(job.path("arguments").path("synchronizationId").asString()).isEqualTo("sync-42");
        assertThat(job.path("interval").asInt()).isEqualTo(900);
        assertThat(job.path("executionTime").asInt()).isEqualTo(120);
        assertThat(job.path("timeSensitive").asBoolean()).isFalse();
        assertThat(job.path("allowParallelRuns").asBoolean()).isTrue();
        assertThat(job.path("isEnabled").asBoolean()).isTrue();
        assertThat(job.path("userId").asString()).isEqualTo("admin");
        assertThat(job.path("jobListId").asString()).isEqualTo("17");
        assertThat(job.path("logRetention").asInt()).isEqualTo(600);
        assertThat(job.path("errorRetention").asInt()).isEqualTo(7200);
        assertThat(job.path("version").asString()).isEqualTo("1.2.0");
        // server-kept: the client's lastRun/nextRun are ignored, the first run waits for scheduleAfter
        assertThat(job.path("lastRun").isNull()).isTrue();
        assertThat(Instant.parse(job.path("nextRun").asString())).isEqualTo(after);
        assertThat(get("/api/v1/jobs/" + id)).isEqualTo(job);

        body.put("cron", "30 3 * * *");
        body.put("scheduleAfter", null);
        body.put("name", "Nightly zaken sync (03:30)");
        byte[] updated = web.put().uri("/api/v1/jobs/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode after2 = json.readTree(updated);
        assertThat(after2.path("cron").asString()).isEqualTo("30 3 * * *");
        Instant next = Instant.parse(after2.path("nextRun").asString());
        assertThat(next).isAfter(Instant.now());
        assertThat(next.toString()).endsWith("T03:30:00Z");

        body.put("isEnabled", false);
        JsonNode disabled = json.readTree(web.put().uri("/api/v1/jobs/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(disabled.path("nextRun").isNull()).isTrue();

        JsonNode list = get("/api/v1/jobs?name=Nightly zaken sync (03:30)");
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("results").get(0).path("id").asString()).isEqualTo(id);

        web.delete().uri("/api/v1/jobs/" + id).exchange().expectStatus().isNoContent();
        web.get().uri("/api/v1/jobs/" + id).exchange().expectStatus().isNotFound();

        try (var events = new KafkaTestConsumer(bootstrap(), Topics.PLATFORM_EVENTS)) {
            var mine = events.await(r -> id.equals(r.key()) && r.value().contains("\"org.openconnector.job."), 4, Duration.ofSeconds(20));
            assertThat(mine).extracting(r -> json.readTree(r.value()).path("type").asString())
                    .containsExactly("org.openconnector.job.created", "org.openconnector.job.updated",
                            "org.openconnector.job.updated", "org.openconnector.job.deleted");
        }
    }

    @Test
    void newJobIsDueAtOnceUnlessDisabledAndRefusesArgumentsItsClassCannotUse() {
        Instant before = Instant.now();
        JsonNode ping = createJob(Map.of("name", "ping", "jobClass", "PingAction", "arguments", Map.of("sourceId", "healthy")));
        assertThat(Instant.parse(ping.path("nextRun").asString())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(ping.path("interval").asInt()).isEqualTo(3600);
        JsonNode off = createJob(Map.of("name", "off", "jobClass", "EventAction", "isEnabled", false,
                "arguments", Map.of("eventType", "org.example.tick")));
        assertThat(off.path("nextRun").isNull()).isTrue();
    }
}
