package org.openconnector.sync.run;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

/**
 * Runs synchronizations on {@code sync.triggers} (from job-service). Idempotent on the CloudEvent id:
 * the id is marked processed in the run's final transaction, so a redelivery after a finished run is
 * skipped and one after a crash re-runs (which is safe: contracts make runs resumable). A trigger for
 * a synchronization that is already running waits its turn (retries) instead of being refused.
 */
@Component
class TriggerListener {

    private static final Logger log = LoggerFactory.getLogger(TriggerListener.class);

    private final RunService runs;
    private final DatabaseClient db;
    private final JsonMapper json;

    TriggerListener(RunService runs, DatabaseClient db, JsonMapper json) {
        this.runs = runs;
        this.db = db;
        this.json = json;
    }

    @KafkaListener(id = "sync-triggers", topics = Topics.SYNC_TRIGGERS, groupId = "sync-service")
    Mono<Void> onTrigger(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (RuntimeException e) {
            log.warn("Skipping a sync.triggers record that is not JSON: {}", e.toString());
            return Mono.empty();
        }
        String messageId = event.path("id").asString(null);
        JsonNode data = event.path("data");
        String rawId = data.path("synchronizationId").asString(event.path("subject").asString(""));
        RunOptions options = new RunOptions(data.path("test").asBoolean(false), data.path("force").asBoolean(false), "job",
                data.path("jobRunId").asString(null), messageId);
        UUID syncId;
        try {
            syncId = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            return runs.reject(rawId, options, "Synchronization " + rawId + " does not exist (not a UUID)").retryWhen(backoff());
        }
        Mono<Boolean> processed = messageId == null ? Mono.just(false)
                : db.sql("select 1 from processed_message where consumer = :c and message_id = :m")
                .bind("c", RunService.TRIGGER_CONSUMER).bind("m", messageId).fetch().first().hasElement();
        return processed.flatMap(done -> done ? Mono.empty() : runs.run(syncId, options).then())
                // a run in progress: wait for it (queued); anything but a 4xx answer (database away): retry
                .retryWhen(backoff().filter(e -> !(e instanceof ApiException a) || a.status() == HttpStatus.CONFLICT))
                .onErrorResume(ApiException.class, e -> {
                    log.warn("Trigger {} for synchronization {} cannot run: {}", messageId, syncId, e.getMessage());
                    return runs.reject(rawId, options, e.getMessage()).retryWhen(backoff());
                });
    }

    private static RetryBackoffSpec backoff() {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15));
    }
}
