package org.openconnector.sync.contract;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * What a synchronization knows about one source object: where it went ({@code targetId}, null once
 * deleted — the row stays as a tombstone) and the hash of what was last written.
 */
public record Contract(UUID id, UUID synchronizationId, String originId, String targetId, String sourceHash, String targetHash,
                       String targetLastAction, Instant sourceLastChanged, Instant sourceLastChecked, Instant sourceLastSynced,
                       Instant targetLastSynced, Instant created, Instant updated) {

    public ObjectNode view() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id.toString());
        out.put("uuid", id.toString());
        out.put("synchronizationId", synchronizationId.toString());
        out.put("originId", originId);
        out.put("targetId", targetId);
        out.put("sourceHash", sourceHash);
        out.put("targetHash", targetHash);
        out.put("targetLastAction", targetLastAction);
        out.put("sourceLastChanged", text(sourceLastChanged));
        out.put("sourceLastChecked", text(sourceLastChecked));
        out.put("sourceLastSynced", text(sourceLastSynced));
        out.put("targetLastSynced", text(targetLastSynced));
        out.put("created", text(created));
        out.put("updated", text(updated));
        return out;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
