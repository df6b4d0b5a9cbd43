package org.openconnector.sync.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.mapping.engine.JsonLogicCondition;
import org.openconnector.mapping.engine.MappingException;
import org.openconnector.sync.contract.Contract;
import org.openconnector.sync.contract.ContractRepository;
import org.openconnector.sync.synchronization.SyncService;
import org.openconnector.sync.synchronization.Synchronization;
import org.openconnector.sync.target.TargetWriter;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data path of one run. Objects stream in windows: per window hash, one statement that reads the
 * contracts and marks them seen, skip the unchanged, conditions, map, write. A remote target gets each
 * object with bounded concurrency and its contract and event commit right after the target accepted it;
 * a local (storage) target gets the whole window in one transaction with its contracts and events. Either
 * way a run that dies half-way leaves contracts for everything it wrote and the next run updates rather
 * than re-creates. Deletions come last and only after a complete fetch (see {@link #deletions}).
 */
final class SyncRun {

    record Setup(Synchronization sync, UUID runId, boolean test, boolean force, Instant started,
                 MappingCache.Loaded mapping, MappingCache.Loaded hashMapping, JsonLogicCondition condition,
                 SourceReader reader, TargetWriter writer) {
    }

    private record Item(String originId, JsonNode object, String hash) {
    }

    private final Setup s;
    private final Deps deps;
    final RunCounts counts = new RunCounts();
    private volatile boolean stopped;
    // null until the first window renews the claim (mapping loads may have taken a while since it was acquired)
    private volatile Long lastRenewal;

    record Deps(ContractRepository contracts, RunLease lease, OutboxWriter outbox, TransactionalOperator tx,
                int window, int concurrency, double maxDeleteShare) {
    }

    SyncRun(Setup setup, Deps deps) {
        this.s = setup;
        this.deps = deps;
    }

    Mono<Void> execute() {
        SourceReader.Fetch fetch = new SourceReader.Fetch();
        return s.reader().objects(s.sync(), fetch)
                .doOnNext(o -> counts.found.incrementAndGet())
                .buffer(deps.window())
                .concatMap(this::window, 1)
                .then(Mono.defer(() -> deletions(fetch)));
    }

    private Mono<Void> window(List<JsonNode> objects) {
        long t0 = System.nanoTime();
        Map<String, Item> items = new LinkedHashMap<>();
        for (JsonNode object : objects) {
            String originId = object.isObject() ? Paths.text(object, idPosition()) : null;
            if (originId == null) {
                counts.invalid.incrementAndGet();
                continue;
            }
            JsonNode hashed;
            try {
                hashed = s.hashMapping() == null ? object : s.hashMapping().mapping().apply(object);
            } catch (MappingException e) {
                counts.failed.incrementAndGet();
                continue;
            }
            // a source listing one object twice in a window: the later one wins, the earlier is not written twice
            if (items.put(originId, new Item(originId, object, CanonicalHash.of(hashed))) != null) {
                counts.invalid.incrementAndGet();
            }
        }
        counts.mapNanos.addAndGet(System.nanoTime() - t0);
        if (items.isEmpty()) {
            return Mono.empty();
        }
        long t1 = System.nanoTime();
        UUID id = s.sync().id();
        // outside a test the lookup also marks the contracts seen, in the same statement
        Mono<Map<String, Contract>> lookup = s.test() ? deps.contracts().byOrigin(id, items.keySet())
                : deps.contracts().lookupAndMarkSeen(id, items.keySet(), s.started());
        return renewLease()
                .then(lookup)
                .flatMap(found -> {
                    counts.lookupNanos.addAndGet(System.nanoTime() - t1);
                    List<Pending> pending = new ArrayList<>();
                    for (Item item : items.values()) {
                        Pending p = decide(item, found.get(item.originId()));
                        if (p != null) {
                            pending.add(p);
                        }
                    }
                    if (pending.isEmpty() || s.test()) {
                        return Mono.<Void>empty();
                    }
                    return s.writer().local() ? writeLocal(pending) : writeRemote(pending);
                });
    }

    /**
     * Renews the claim when a tenth of the lease has passed since the last renewal, not every window:
     * a renewal is a commit of its own, which would otherwise cost each window of unchanged objects a
     * second round trip. The claim then still outlives any window shorter than 90% of the lease.
     */
    private Mono<Void> renewLease() {
        long now = System.nanoTime();
        Long last = lastRenewal;
        if (last != null && now - last < deps.lease().period().toNanos() / 10) {
            return Mono.empty();
        }
        return deps.lease().renew(s.sync().id(), s.runId()).doOnSuccess(v -> lastRenewal = now);
    }

    private record Pending(Item item, Contract contract, JsonNode mapped, boolean create) {
    }

    /** Unchanged, invalid and failing objects are counted here and dropped; the rest are mapped and returned. */
    private Pending decide(Item item, Contract contract) {
        if (unchanged(item, contract)) {
            counts.unchanged.incrementAndGet();
            return null;
        }
        long t0 = System.nanoTime();
        JsonNode mapped;
        try {
            if (s.condition() != null && !s.condition().test(item.object())) {
                counts.invalid.incrementAndGet();
                return null;
            }
            mapped = s.mapping() == null ? item.object() : s.mapping().mapping().apply(item.object());
        } catch (MappingException | IllegalArgumentException e) {
            counts.failed.incrementAndGet();
            return null;
        } finally {
            counts.mapNanos.addAndGet(System.nanoTime() - t0);
        }
        boolean create = contract == null || contract.targetId() == null;
        if (s.test()) {
            (create ? counts.created : counts.updated).incrementAndGet();
        }
        return new Pending(item, contract, mapped, create);
    }

    /**
     * A target in this service's database: the window's entities, contracts and events in one
     * transaction (multi-row upserts), so a failing window leaves nothing of itself behind, and a
     * crash cannot leave an entity without its contract (entities are keyed by origin id anyway).
     */
    private Mono<Void> writeLocal(List<Pending> pending) {
        long t1 = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, JsonNode> byTarget = new LinkedHashMap<>();
        List<Contract> saved = new ArrayList<>(pending.size());
        List<Pending> written = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            String targetId = p.create() ? s.writer().localTargetId(p.item().originId()) : p.contract().targetId();
            if (byTarget.put(targetId, p.mapped()) != null) {
                // two contracts pointing at one target object: write it once (the later one), count the other failed
                counts.failed.incrementAndGet();
                continue;
            }
            saved.add(contract(p, targetId, now));
            written.add(p);
        }
        return s.writer().writeAll(s.sync(), byTarget)
                .then(deps.contracts().saveAll(saved))
                .then(Mono.defer(() -> {
                    List<CloudEvent> events = new ArrayList<>(saved.size());
                    for (int i = 0; i < saved.size(); i++) {
                        events.add(objectEvent(written.get(i).create() ? "created" : "updated", saved.get(i).originId(),
                                saved.get(i).targetId(), written.get(i).mapped()));
                    }
                    return deps.outbox().appendAll(Topics.PLATFORM_EVENTS, events);
                }))
                .as(deps.tx()::transactional)
                .doOnSuccess(v -> {
                    counts.writeNanos.addAndGet(System.nanoTime() - t1);
                    for (Pending p : written) {
                        (p.create() ? counts.created : counts.updated).incrementAndGet();
                    }
                });
    }

    /**
     * A remote target: each object's contract and event commit right after the target accepted it, so a
     * run that dies half-way leaves contracts for everything it wrote.
     */
    private Mono<Void> writeRemote(List<Pending> pending) {
        // delayError: a failing write must not cancel its siblings, whose targets may already have
        // accepted the object and whose contracts must still be saved; after a failure no new write starts
        return Flux.fromIterable(pending)
                .flatMapDelayError(p -> stopped ? Mono.<Void>empty() : write(p).doOnError(e -> stopped = true), deps.concurrency(), 1)
                .then();
    }

    private Mono<Void> write(Pending p) {
        long t1 = System.nanoTime();
        Mono<String> written = p.create() ? s.writer().create(s.sync(), p.item().originId(), p.mapped())
                : s.writer().update(s.sync(), p.contract().targetId(), p.mapped()).thenReturn(p.contract().targetId());
        return written.flatMap(targetId -> deps.contracts().save(contract(p, targetId, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                        .then(event(p.create() ? "created" : "updated", p.item().originId(), targetId, p.mapped()))
                        .as(deps.tx()::transactional))
                .doOnSuccess(v -> {
                    counts.writeNanos.addAndGet(System.nanoTime() - t1);
                    (p.create() ? counts.created : counts.updated).incrementAndGet();
                });
    }

    private Contract contract(Pending p, String targetId, Instant now) {
        Contract c = p.contract();
        return new Contract(c == null ? UUID.randomUUID() : c.id(), s.sync().id(), p.item().originId(), targetId, p.item().hash(),
                CanonicalHash.of(p.mapped()), p.create() ? "create" : "update", now, now, now, now, c == null ? now : c.created(), now);
    }

    /** Skip only when nothing that shapes the output changed since the object was last written. */
    private boolean unchanged(Item item, Contract c) {
        if (s.force() || c == null || c.targetId() == null || c.targetHash() == null || c.sourceLastSynced() == null
                || !item.hash().equals(c.sourceHash())) {
            return false;
        }
        Instant synced = c.sourceLastSynced();
        return s.sync().updated().isBefore(synced)
                && (s.mapping() == null || s.mapping().modified().isBefore(synced))
                && (s.hashMapping() == null || s.hashMapping().modified().isBefore(synced));
    }

    /**
     * Objects whose contracts were not seen are deleted at the target only when the synchronization
     * asks for it, the run is not a test, the fetch was complete (an error never gets here), and they
     * are at most {@code maxDeleteShare} of the live contracts — otherwise the run fails, deleting nothing.
     */
    private Mono<Void> deletions(SourceReader.Fetch fetch) {
        if (s.test() || !s.sync().deletes()) {
            counts.deletion = s.test() ? "skipped: test run" : "skipped: actions has no \"delete\"";
            return Mono.empty();
        }
        if (!fetch.complete()) {
            counts.deletion = "skipped: sourceConfig.maxPages may have cut the list short, so absent objects may still exist";
            return Mono.empty();
        }
        long t0 = System.nanoTime();
        UUID id = s.sync().id();
        return Mono.zip(deps.contracts().countOrphans(id, s.started()), deps.contracts().countLive(id)).flatMap(t -> {
            long orphans = t.getT1();
            long live = t.getT2();
            if (orphans > 0 && orphans > live * deps.maxDeleteShare()) {
                counts.deletion = "refused";
                return Mono.error(new RunFailure("Refusing to delete " + orphans + " of " + live + " target objects (more than "
                        + Math.round(deps.maxDeleteShare() * 100) + "% of them); nothing was deleted. Check the source, "
                        + "or raise openconnector.sync.max-delete-share"));
            }
            counts.deletion = "done";
            return deps.contracts().orphans(id, s.started()).collectList()
                    .flatMapMany(Flux::fromIterable)
                    .flatMap(c -> s.writer().delete(s.sync(), c.targetId())
                            .then(deps.contracts().tombstone(c.id(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                                    .then(event("deleted", c.originId(), c.targetId(), null))
                                    .as(deps.tx()::transactional))
                            .doOnSuccess(v -> counts.deleted.incrementAndGet()), deps.concurrency())
                    .then(Mono.fromRunnable(() -> counts.deleteNanos.addAndGet(System.nanoTime() - t0)));
        });
    }

    private Mono<Void> event(String verb, String originId, String targetId, JsonNode object) {
        return deps.outbox().append(Topics.PLATFORM_EVENTS, objectEvent(verb, originId, targetId, object));
    }

    private CloudEvent objectEvent(String verb, String originId, String targetId, JsonNode object) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("synchronizationId", s.sync().id().toString());
        data.put("originId", originId);
        data.put("targetId", targetId);
        data.set("object", object);
        return CloudEvent.of(SyncService.EVENT_SOURCE, "org.openconnector.synchronization.object." + verb,
                s.sync().id().toString(), data);
    }

    private String idPosition() {
        return s.sync().sourceConfig().path("idPosition").asString("id");
    }
}
