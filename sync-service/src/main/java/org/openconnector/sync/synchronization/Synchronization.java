package org.openconnector.sync.synchronization;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored synchronization (seed 000's Synchronization). The {@code *Last*} timestamps, created and
 * updated are the server's; {@code conditions} is JSON Logic (an object, or a string holding one).
 */
public record Synchronization(UUID id, String name, String description, String version, JsonNode conditions,
                              String sourceId, String sourceType, String sourceHashMapping, String sourceTargetMapping,
                              ObjectNode sourceConfig, String targetId, String targetType, String targetSourceMapping,
                              ObjectNode targetConfig, ArrayNode actions,
                              Instant sourceLastChanged, Instant sourceLastChecked, Instant sourceLastSynced,
                              Instant targetLastChanged, Instant targetLastChecked, Instant targetLastSynced,
                              Instant created, Instant updated) {

    /** Deletions at the target happen only when the synchronization's actions ask for them. */
    public boolean deletes() {
        for (JsonNode a : actions) {
            if ("delete".equals(a.asString(""))) {
                return true;
            }
        }
        return false;
    }

    public ObjectNode view() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id.toString());
        out.put("uuid", id.toString());
        out.put("name", name);
        out.put("description", description);
        out.put("version", version);
        out.set("conditions", conditions);
        out.put("sourceId", sourceId);
        out.put("sourceType", sourceType);
        out.put("sourceHashMapping", sourceHashMapping);
        out.put("sourceTargetMapping", sourceTargetMapping);
        out.set("sourceConfig", sourceConfig);
        out.put("sourceLastChanged", text(sourceLastChanged));
        out.put("sourceLastChecked", text(sourceLastChecked));
        out.put("sourceLastSynced", text(sourceLastSynced));
        out.put("targetId", targetId);
        out.put("targetType", targetType);
        out.put("targetSourceMapping", targetSourceMapping);
        out.set("targetConfig", targetConfig);
        out.put("targetLastChanged", text(targetLastChanged));
        out.put("targetLastChecked", text(targetLastChecked));
        out.put("targetLastSynced", text(targetLastSynced));
        out.set("actions", actions);
        out.put("created", text(created));
        out.put("updated", text(updated));
        return out;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
