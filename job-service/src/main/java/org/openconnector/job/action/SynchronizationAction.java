package org.openconnector.job.action;

import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks sync-service to run {@code arguments.synchronizationId}: a trigger on {@code sync.triggers}
 * (through the outbox, in the transaction that marks the run awaiting). The run completes when
 * {@link SyncResultListener} receives the result for its {@code jobRunId}, or fails when none comes
 * within the job's {@code executionTime}.
 */
@Component
class SynchronizationAction implements JobClass {

    static final String TRIGGER_TYPE = "org.openconnector.synchronization.trigger";

    private final OutboxWriter outbox;
    private final JsonMapper json;

    SynchronizationAction(OutboxWriter outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @Override
    public String type() {
        return "SynchronizationAction";
    }

    @Override
    public List<Violation> validate(JsonNode arguments) {
        List<Violation> violations = new ArrayList<>();
        JsonNode id = arguments.get("synchronizationId");
        if (id == null || id.isNull()) {
            violations.add(Violation.required("arguments.synchronizationId"));
        } else if (!(id.isString() && !id.asString().isBlank() && id.asString().length() <= 100) && !id.isIntegralNumber()) {
            violations.add(Violation.invalid("arguments.synchronizationId", "arguments.synchronizationId must be an id (string)"));
        }
        for (String flag : List.of("force", "test")) {
            JsonNode value = arguments.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                violations.add(Violation.invalid("arguments." + flag, "arguments." + flag + " must be a boolean"));
            }
        }
        return violations;
    }

    @Override
    public Mono<RunOutcome> run(RunContext run) {
        String syncId = run.arguments().path("synchronizationId").asString();
        ObjectNode data = json.createObjectNode()
                .put("synchronizationId", syncId)
                .put("jobId", run.jobId().toString())
                .put("jobRunId", run.runId().toString())
                .put("test", run.arguments().path("test").asBoolean(false))
                .put("force", run.forced() || run.arguments().path("force").asBoolean(false));
        CloudEvent trigger = CloudEvent.of(EventAction.SOURCE, TRIGGER_TYPE, syncId, data);
        return Mono.just(RunOutcome.awaiting("Triggered synchronization " + syncId + "; waiting for its result",
                outbox.append(Topics.SYNC_TRIGGERS, syncId, trigger)));
    }
}
