package org.openconnector.sync.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.sync.contract.Contract;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a window's decided objects. A local (storage) target gets the whole window in one
 * transaction with its contracts and events; a remote target gets each object with bounded
 * concurrency and its contract and event commit right after the target accepted it. Either way a run
 * that dies half-way leaves contracts for everything it wrote, and the next run updates rather than
 * re-creates.
 */
final class WindowWriter {

    private final SyncRun.Setup s;
    private final SyncRun.Deps deps;
    private final RunCounts counts;
    private volatile boolean stopped;

    WindowWriter(SyncRun.Setup s, SyncRun.Deps deps, RunCounts counts) {
        this.s = s;
        this.deps = deps;
        this.counts = counts;
    }

    Mono<Void> write(List<Decider.Pending> pending) {
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        return s.writer().local() ? writeLocal(pending) : writeRemote(pending);
    }

    /**
     * The window's entities, contracts and events in one transaction (multi-row upserts), so a failing
     * window leaves nothing of itself behind, and a crash cannot leave an entity without its contract.
     */
    private Mono<Void> writeLocal(List<Decider.Pending> pending) {
        long t1 = System.nanoTime();
        UUID syncId = s.sync().id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, String> byTarget = new LinkedHashMap<>();
        List<Contract> saved = new ArrayList<>(pending.size());
        List<CloudEvent> events = new ArrayList<>(pending.size());
        List<Decider.Pending> written = new ArrayList<>(pending.size());
        for (Decider.Pending p : pending) {
            String targetId = p.create() ? s.writer().localTargetId(p.item().originId()) : p.contract().targetId();
            if (byTarget.put(targetId, p.mappedJson()) != null) {
                // two contracts pointing at one target object: write it once (the later one), count the other failed
                counts.failed.incrementAndGet();
                continue;
            }
            saved.add(ObjectEvents.contract(syncId, p, targetId, now));
            events.add(ObjectEvents.of(syncId, p, targetId));
            written.add(p);
        }
        return s.writer().writeAll(s.sync(), byTarget)
                .then(deps.contracts().saveAll(saved))
                .then(deps.outbox().appendAll(Topics.PLATFORM_EVENTS, events))
                .as(deps.tx()::transactional)
                .doOnSuccess(v -> {
                    counts.writeNanos.addAndGet(System.nanoTime() - t1);
                    for (Decider.Pending p : written) {
                        created(p);
                    }
                });
    }

    private Mono<Void> writeRemote(List<Decider.Pending> pending) {
        // delayError: a failing write must not cancel its siblings, whose targets may already have
        // accepted the object and whose contracts must still be saved; after a failure no new write starts
        return Flux.fromIterable(pending)
                .flatMapDelayError(p -> stopped ? Mono.<Void>empty() : writeOne(p).doOnError(e -> stopped = true),
                        deps.concurrency(), 1)
                .then();
    }

    private Mono<Void> writeOne(Decider.Pending p) {
        long t1 = System.nanoTime();
        UUID syncId = s.sync().id();
        Mono<String> written = p.create() ? s.writer().create(s.sync(), p.item().originId(), p.mapped())
                : s.writer().update(s.sync(), p.contract().targetId(), p.mapped()).thenReturn(p.contract().targetId());
        return written.flatMap(targetId -> deps.contracts()
                        .save(ObjectEvents.contract(syncId, p, targetId, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                        .then(deps.outbox().append(Topics.PLATFORM_EVENTS, ObjectEvents.of(syncId, p, targetId)))
                        .as(deps.tx()::transactional))
                .doOnSuccess(v -> {
                    counts.writeNanos.addAndGet(System.nanoTime() - t1);
                    created(p);
                });
    }

    private void created(Decider.Pending p) {
        (p.create() ? counts.created : counts.updated).incrementAndGet();
        if (p.create()) {
            counts.seenLive.incrementAndGet();
        }
    }
}
