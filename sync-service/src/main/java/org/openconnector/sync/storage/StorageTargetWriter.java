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
        // one lock of the storage row per window transaction instead of a foreign-key check per entity (V5)
        return storages.hold(sync.targetId())
                .flatMap(exists -> exists ? storages.putAll(sync.targetId(), jsonByTargetId) : Mono.error(missing(sync)));
    }

    @Override
    public String localTargetId(String originId) {
        return originId;
    }

    // no existence check before a write: the upsert itself writes nothing into a deleted storage
    @Override
    public Mono<String> create(Synchronization sync, String originId, JsonNode object) {
        return storages.put(sync.targetId(), originId, object).flatMap(ok -> ok ? Mono.just(originId) : Mono.error(missing(sync)));
    }

    @Override
    public Mono<Void> update(Synchronization sync, String targetId, JsonNode object) {
        return storages.put(sync.targetId(), targetId, object).flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(missing(sync)));
    }

    private static RunFailure missing(Synchronization sync) {
        return new RunFailure("Storage " + sync.targetId() + " does not exist (deleted?)");
    }

    @Override
    public Mono<Void> delete(Synchronization sync, String targetId) {
        return exists(sync).then(storages.deleteEntity(sync.targetId(), targetId)).then();
    }

    private Mono<Void> exists(Synchronization sync) {
        return storages.find(sync.targetId()).switchIfEmpty(Mono.error(() -> missing(sync))).then();
    }
}
