package org.openconnector.sync.log;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a synchronization: {@code status} running|success|failed, counts of objects found,
 * created, updated, unchanged, deleted, invalid and failed, time per stage, and the error when it failed.
 */
public record SyncLog(UUID id, UUID synchronizationId, String status, String trigger, String jobRunId, boolean test,
                      boolean force, JsonNode counts, JsonNode stages, String error, Instant started, Instant finished) {

    public ObjectNode view() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id.toString());
        out.put("uuid", id.toString());
        out.put("synchronizationId", synchronizationId.toString());
        out.put("status", status);
        out.put("trigger", trigger);
        out.put("jobRunId", jobRunId);
        out.put("test", test);
        out.put("force", force);
        out.set("counts", counts);
        out.set("stages", stages);
        out.put("error", error);
        out.put("started", started.toString());
        out.put("finished", finished == null ? null : finished.toString());
        if (finished != null) {
            out.put("durationMs", finished.toEpochMilli() - started.toEpochMilli());
        }
        return out;
    }
}
