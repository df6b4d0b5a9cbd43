package org.openconnector.sync.storage;

import org.openconnector.sync.run.RunFailure;
import org.openconnector.sync.synchronization.Synchronization;
import org.openconnector.sync.target.TargetWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * "storage" targets: the synchronization's {@code targetId} names a storage of this service; an
 * object is stored under its origin id. Writes are upserts by key, so a create repeated after a crash
 * overwrites instead of duplicating.
 */
@Component
class StorageTargetWriter implements TargetWriter {

    private final StorageRepository storages;

    StorageTargetWriter(StorageRepository storages) {
        this.storages = storages;
    }

    @Override
    public String type() {
        return "storage";
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Mono<Void> writeAll(Synchronization sync, Map<String, String> jsonByTargetId) {
        return storages.putAll(sync.targetId(), jsonByTargetId);
    }

    @Override
    public String localTargetId(String originId) {
        return originId;
    }

    // no existence check per write: the entity's foreign key refuses a deleted storage
    @Override
    public Mono<String> create(Synchronization sync, String originId, JsonNode object) {
        return storages.put(sync.targetId(), originId, object).thenReturn(originId);
    }

    @Override
    public Mono<Void> update(Synchronization sync, String targetId, JsonNode object) {
        return storages.put(sync.targetId(), targetId, object);
    }

    @Override
    public Mono<Void> delete(Synchronization sync, String targetId) {
        return exists(sync).then(storages.deleteEntity(sync.targetId(), targetId)).then();
    }

    private Mono<Void> exists(Synchronization sync) {
        return storages.find(sync.targetId())
                .switchIfEmpty(Mono.error(() -> new RunFailure("Storage " + sync.targetId() + " does not exist (deleted?)")))
                .then();
    }
}
