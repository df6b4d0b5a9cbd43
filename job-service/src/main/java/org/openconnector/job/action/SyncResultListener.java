package org.openconnector.job.action;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.IdempotentConsumer;
import org.openconnector.job.run.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Completes SynchronizationAction runs from sync-service's results on {@code job.results}
 * (correlated by {@code jobRunId}; deduplicated on the CloudEvent id). A result for a run that
 * already ended (e.g. timed out) changes nothing. Malformed messages are logged and skipped.
 */
@Component
class SyncResultListener {

    static final String RESULT_TYPE = "org.openconnector.synchronization.run.result";
    private static final Logger log = LoggerFactory.getLogger(SyncResultListener.class);
    private static final List<String> COUNTS = List.of("found", "created", "updated", "unchanged", "deleted", "invalid", "failed");

    private final IdempotentConsumer consumer;
    private final RunStore runs;
    private final JsonMapper json;

    SyncResultListener(IdempotentConsumer consumer, RunStore runs, JsonMapper json) {
        this.consumer = consumer;
        this.runs = runs;
        this.json = json;
    }

    @KafkaListener(topics = Topics.JOB_RESULTS, groupId = "job-service")
    Mono<Void> onResult(String payload) {
        CloudEvent event;
        UUID runId;
        try {
            event = json.readValue(payload, CloudEvent.class);
            runId = UUID.fromString(event.data().path("jobRunId").asString());
        } catch (RuntimeException e) {
            log.warn("Skipping a job.results message that is not a result with a jobRunId: {}", e.toString());
            return Mono.empty();
        }
        if (!RESULT_TYPE.equals(event.type()) || event.id() == null) {
            log.warn("Skipping job.results message of type {}", event.type());
            return Mono.empty();
        }
        JsonNode data = event.data();
        Long duration = data.path("durationMs").isIntegralNumber() ? data.path("durationMs").asLong() : null;
        return consumer.once("job-results", event.id(), runs.completeAwaiting(runId, outcome(data), duration)
                        .switchIfEmpty(Mono.fromRunnable(() -> log.info("Result for run {} came after the run ended; ignored", runId))))
                .then();
    }

    private RunOutcome outcome(JsonNode data) {
        JsonNode counts = data.path("counts");
        List<String> parts = new ArrayList<>();
        for (String c : COUNTS) {
            if (counts.path(c).isNumber()) {
                parts.add(c + " " + counts.path(c).asLong());
            }
        }
        String sync = data.path("synchronizationId").asString("");
        List<String> trace = List.of("Synchronization " + sync + " log " + data.path("logId").asString(""));
        if ("success".equals(data.path("status").asString())) {
            return RunOutcome.done(RunOutcome.INFO, "Synchronized " + sync + ": " + String.join(", ", parts), trace, data);
        }
        String error = data.path("error").asString("unknown error");
        return RunOutcome.done(RunOutcome.ERROR, "Failed to synchronize " + sync + ": " + error, trace, data);
    }
}
