package org.openconnector.sync.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.sync.contract.Contract;
import org.openconnector.sync.synchronization.SyncService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import java.time.Instant;
import java.util.UUID;

/** The {@code object.created|updated|deleted} events of a run, and the contract saved with a written object. */
final class ObjectEvents {

    private ObjectEvents() {
    }

    static CloudEvent of(UUID syncId, String verb, String originId, String targetId, JsonNode object) {
        ObjectNode data = data(syncId, originId, targetId);
        data.set("object", object);
        return CloudEvent.of(SyncService.EVENT_SOURCE, "org.openconnector.synchronization.object." + verb, syncId.toString(), data);
    }

    /** The event of a written object; its {@code object} is the already serialized mapped object, copied as is. */
    static CloudEvent of(UUID syncId, Decider.Pending p, String targetId) {
        ObjectNode data = data(syncId, p.item().originId(), targetId);
        data.putRawValue("object", new RawValue(p.mappedJson()));
        return CloudEvent.of(SyncService.EVENT_SOURCE, "org.openconnector.synchronization.object." + (p.create() ? "created" : "updated"),
                syncId.toString(), data);
    }

    private static ObjectNode data(UUID syncId, String originId, String targetId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("synchronizationId", syncId.toString());
        data.put("originId", originId);
        data.put("targetId", targetId);
        return data;
    }

    /** The contract of an object just written: every time stamp is the write's. */
    static Contract contract(UUID syncId, Decider.Pending p, String targetId, Instant now) {
        UUID id = p.contract() == null ? UUID.randomUUID() : p.contract().id();
        return new Contract(id, syncId, p.item().originId(), targetId, p.item().hash(), p.targetHash(),
                p.create() ? "create" : "update", now, now, now, now, now, now);
    }
}
