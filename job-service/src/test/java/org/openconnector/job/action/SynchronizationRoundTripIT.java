package org.openconnector.job.action;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.job.JobIT;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SynchronizationAction over the real broker: this test plays sync-service, reading the trigger
 * from {@code sync.triggers} and answering on {@code job.results}.
 */
class SynchronizationRoundTripIT extends JobIT {

    @Test
    void triggerGoesOutAndTheResultCompletesTheRunOnceEvenWhenDelivered() throws Exception {
        String syncId = "sync-" + UUID.randomUUID();
        String job = createJob(Map.of("name", "sync", "jobClass", "SynchronizationAction", "isEnabled", false,
                "executionTime", 120, "arguments", Map.of("synchronizationId", syncId))).path("id").asString();

        JsonNode pending = json.readTree(web.post().uri("/api/v1/jobs/" + job + "/run?force=true").exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        String runId = pending.path("id").asString();
        assertThat(pending.path("status").asString()).isEqualTo("awaiting");

        JsonNode trigger;
        try (var triggers = new KafkaTestConsumer(bootstrap(), Topics.SYNC_TRIGGERS)) {
            var records = triggers.await(r -> syncId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            trigger = json.readTree(records.get(0).value());
        }
        assertThat(trigger.path("type").asString()).isEqualTo("org.openconnector.synchronization.trigger");
        assertThat(trigger.path("subject").asString()).isEqualTo(syncId);
        assertThat(trigger.path("data").path("jobRunId").asString()).isEqualTo(runId);
        assertThat(trigger.path("data").path("jobId").asString()).isEqualTo(job);
        assertThat(trigger.path("data").path("force").asBoolean()).isTrue();
        assertThat(trigger.path("data").path("test").asBoolean()).isFalse();

        String result = json.writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "/sync-service", "type", "org.openconnector.synchronization.run.result", "subject", syncId,
                "data", Map.of("jobRunId", runId, "synchronizationId", syncId, "logId", "log-7", "status", "success",
                        "counts", Map.of("found", 5, "created", 2, "updated", 1, "unchanged", 2, "deleted", 0, "invalid", 0, "failed", 0),
                        "durationMs", 1234)));
        send(syncId, "this is not a cloud event");
        send(syncId, result);
        send(syncId, result);

        await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(log(job).path("status").asString()));
        JsonNode log = log(job);
        assertThat(log.path("id").asString()).isEqualTo(runId);
        assertThat(log.path("level").asString()).isEqualTo("INFO");
        assertThat(log.path("message").asString()).contains("found 5", "created 2", "updated 1");
        assertThat(log.path("result").path("counts").path("created").asInt()).isEqualTo(2);
        assertThat(log.path("executionTime").asLong()).isEqualTo(1234);
        assertThat(get("/api/v1/jobs/" + job + "/logs").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aResultThatNeverComesFailsTheRunAfterExecutionTimeAndALateOneChangesNothing() throws Exception {
        replica("sync-reaper", 2, 10);
        String syncId = "sync-" + UUID.randomUUID();
        String job = createJob(Map.of("name", "sync", "jobClass", "OCA\\OpenConnector\\Action\\SynchronizationAction",
                "isEnabled", false, "executionTime", 1, "arguments", Map.of("synchronizationId", syncId))).path("id").asString();
        String runId = json.readTree(web.post().uri("/api/v1/jobs/" + job + "/run?force=true").exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody()).path("id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(log(job).path("status").asString()));
        assertThat(log(job).path("level").asString()).isEqualTo("ERROR");
        assertThat(log(job).path("message").asString()).contains("Timed out");

        String late = json.writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "/sync-service", "type", "org.openconnector.synchronization.run.result", "subject", syncId,
                "data", Map.of("jobRunId", runId, "synchronizationId", syncId, "status", "success", "counts", Map.of())));
        send(syncId, late);
        String lateId = json.readTree(late).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql("select count(*) from processed_message where message_id = :id")
                .bind("id", lateId).map(r -> r.get(0, Long.class)).one().block() == 1);
        assertThat(log(job).path("status").asString()).isEqualTo("failed");
    }

    private JsonNode log(String job) {
        return get("/api/v1/job-logs?job=" + job).path("results").get(0);
    }

    private static void send(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap(),
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, key, value)).get();
        }
    }
}
