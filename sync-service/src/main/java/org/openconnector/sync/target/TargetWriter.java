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
     * True when the target lives in this service's database: the write then joins the transaction of
     * its contract and event, so the three commit or roll back together.
     */
    default boolean local() {
        return false;
    }
}
