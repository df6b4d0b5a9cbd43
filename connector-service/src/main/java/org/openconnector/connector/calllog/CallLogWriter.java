package org.openconnector.connector.calllog;

import org.openconnector.common.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Writes call logs from {@code connector.call-logs} in batches (one multi-row insert per poll).
 * Redelivered logs are ignored by their id, so at-least-once delivery stores each log once.
 */
@Component
public class CallLogWriter {

    private final CallLogRepository repository;
    private final JsonMapper json;

    public CallLogWriter(CallLogRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    // The broker holds a fetch until 64 KiB of logs or 250 ms have gathered: a busy source's logs then
    // arrive as one insert per poll instead of one poll and one insert per call (a paged stream: per page).
    @KafkaListener(id = "call-log-writer", groupId = "connector-call-log-writer", topics = Topics.CALL_LOGS, batch = "true",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=250"})
    public Mono<Void> write(List<String> messages) {
        return Mono.fromCallable(() -> messages.stream().map(this::parse).filter(java.util.Objects::nonNull).toList())
                .flatMap(repository::insertAll);
    }

    /** A message that is not a call log is skipped (and said so), so it cannot stall the partition. */
    private CallLog parse(String message) {
        try {
            return json.readValue(message, CallLog.class);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CallLogWriter.class).warn("Skipping an unreadable call log: {}", e.toString());
            return null;
        }
    }
}
