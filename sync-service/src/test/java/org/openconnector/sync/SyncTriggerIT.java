package org.openconnector.sync;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.RealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** job-service's side of the contract over the real broker: sync.triggers in, job.results out, once per trigger. */
class SyncTriggerIT extends SyncTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTriggerRunsTheSynchronizationOnceAndAnswersOnJobResults() throws Exception {
        apis.seed(15);
        String id = createSync("[]");
        String jobRunId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String trigger = """
                {"specversion":"1.0","id":"%s","source":"/job-service","type":"org.openconnector.synchronization.trigger",
                 "subject":"%s","data":{"synchronizationId":"%s","jobId":"%s","jobRunId":"%s","test":false,"force":false}}"""
                .formatted(eventId, id, id, UUID.randomUUID(), jobRunId);
        String bootstrap = RealInfrastructure.get().kafkaBootstrap();
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer());
             var results = new KafkaTestConsumer(bootstrap, Topics.JOB_RESULTS)) {
            producer.send(new ProducerRecord<>(Topics.SYNC_TRIGGERS, id, trigger)).get();
            producer.send(new ProducerRecord<>(Topics.SYNC_TRIGGERS, id, trigger)).get(); // redelivered
            var record = results.await(r -> r.value().contains(jobRunId), 1, Duration.ofSeconds(90)).get(0);
            JsonNode result = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(id);
            assertThat(result.get("type").asString()).isEqualTo("org.openconnector.synchronization.run.result");
            assertThat(result.at("/data/status").asString()).isEqualTo("success");
            assertThat(result.at("/data/counts/created").asInt()).isEqualTo(15);
            assertThat(result.at("/data/synchronizationId").asString()).isEqualTo(id);
            assertThat(result.at("/data/logId").asString()).isNotBlank();
            await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) from processed_message where message_id = :m")
                    .bind("m", eventId).map(r -> r.get(0, Long.class)).one().block() == 1);
            // the redelivered trigger is skipped once the first run is committed; it never runs a second time
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get("/api/v1/synchronizations/" + id + "/logs?trigger=job").get("total").asLong()).isEqualTo(1));
        }
        assertThat(apis.creates.get()).isEqualTo(15);
        assertThat(get("/api/v1/synchronizations/" + id + "/logs").get("results").get(0).get("jobRunId").asString()).isEqualTo(jobRunId);
    }

    @Test
    void aTriggerForAnUnknownSynchronizationAnswersAFailedResultSoTheJobRunEnds() throws Exception {
        String unknown = UUID.randomUUID().toString();
        String jobRunId = UUID.randomUUID().toString();
        String trigger = """
                {"specversion":"1.0","id":"%s","source":"/job-service","type":"org.openconnector.synchronization.trigger",
                 "subject":"%s","data":{"synchronizationId":"%s","jobRunId":"%s"}}""".formatted(UUID.randomUUID(), unknown, unknown, jobRunId);
        String bootstrap = RealInfrastructure.get().kafkaBootstrap();
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer());
             var results = new KafkaTestConsumer(bootstrap, Topics.JOB_RESULTS)) {
            producer.send(new ProducerRecord<>(Topics.SYNC_TRIGGERS, unknown, trigger)).get();
            JsonNode result = JSON.readTree(results.await(r -> r.value().contains(jobRunId), 1, Duration.ofSeconds(60)).get(0).value());
            assertThat(result.at("/data/status").asString()).isEqualTo("failed");
            assertThat(result.at("/data/error").asString()).contains("does not exist");
        }
    }
}
