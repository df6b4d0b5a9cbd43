package org.openconnector.sync.target;

import org.openconnector.sync.synchronization.Synchronization;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Writes mapped objects to one kind of target, chosen by the synchronization's {@code targetType}.
 * Every method fails (error signal) when the target did not accept the write, so the caller never
 * saves a contract for a write that did not happen.
 */
public interface TargetWriter {

    /** The {@code targetType} this writer serves. */
    String type();

    /** Creates the object of source object {@code originId}; emits the id the target gave it. */
    Mono<String> create(Synchronization sync, String originId, JsonNode object);

    Mono<Void> update(Synchronization sync, String targetId, JsonNode object);

    Mono<Void> delete(Synchronization sync, String targetId);

    /**
     * True when the target lives in this service's database: a window's writes then go through
     * {@link #writeAll} inside the transaction of their contracts and events, so all commit or roll back together.
     */
    default boolean local() {
        return false;
    }

    /**
     * Local writers only: writes a window's objects (target id to the mapped object's JSON text, serialized
     * once by the caller, which also puts it in the object's event; a create's target id is the one
     * {@link #create} would give it) in as few statements as possible, joining the caller's transaction.
     */
    default Mono<Void> writeAll(Synchronization sync, java.util.Map<String, String> jsonByTargetId) {
        return Mono.error(new UnsupportedOperationException(type() + " targets are written one object at a time"));
    }

    /** The target id {@link #create} gives an object when a local writer chooses it itself (else null). */
    default String localTargetId(String originId) {
        return null;
    }
}
