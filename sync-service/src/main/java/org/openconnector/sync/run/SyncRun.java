package org.openconnector.sync.run;

import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.mapping.engine.JsonLogicCondition;
import org.openconnector.sync.contract.ContractLookups;
import org.openconnector.sync.contract.ContractRepository;
import org.openconnector.sync.contract.Known;
import org.openconnector.sync.synchronization.Synchronization;
import org.openconnector.sync.target.TargetWriter;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The data path of one run, as a pipeline of windows:
 * <ol>
 *   <li>digest, in stream order: origin ids, hashes, the run's {@link SeenSet} ({@link Window#digest});</li>
 *   <li>look up and decide, up to {@code lookahead} windows at once: one read-only contract query per
 *       window, then skip the unchanged, check conditions, map ({@link Decider}) — this overlaps the
 *       next window's reading and mapping with the current window's write;</li>
 *   <li>write ({@link WindowWriter}): a remote target's windows one at a time, a local target's up to
 *       {@code windowWrites} at once (their origin ids are disjoint, so the transactions touch disjoint
 *       rows). A window holding repeats (origin ids an earlier window of this run already had) first
 *       waits until every earlier window has committed, then looks those up again and decides them afresh.</li>
 * </ol>
 * Deletions come last and only after a complete fetch ({@link Deletions}).
 */
final class SyncRun {

    record Setup(Synchronization sync, UUID runId, boolean test, boolean force, Instant started,
                 MappingCache.Loaded mapping, MappingCache.Loaded hashMapping, JsonLogicCondition condition,
                 SourceReader reader, TargetWriter writer) {
    }

    record Deps(ContractRepository contracts, ContractLookups lookups, RunLease lease, OutboxWriter outbox,
                TransactionalOperator tx, JsonMapper json,
                int window, int lookahead, int windowWrites, int concurrency, double maxDeleteShare) {
    }

    private final Setup s;
    private final Deps deps;
    final RunCounts counts = new RunCounts();
    private final SeenSet seen = new SeenSet();
    /** Completion signals of the window writes in flight. */
    private final Set<Mono<Void>> writing = ConcurrentHashMap.newKeySet();
    private final Decider decider;
    private final WindowWriter writer;
    private final Instant freshAfter;
    // null until the first window renews the claim (mapping loads may have taken a while since it was acquired)
    private volatile Long lastRenewal;

    SyncRun(Setup setup, Deps deps) {
        this.s = setup;
        this.deps = deps;
        this.decider = new Decider(setup, counts, deps.json());
        this.writer = new WindowWriter(setup, deps, counts);
        this.freshAfter = Decider.freshAfter(setup);
    }

    Mono<Void> execute() {
        SourceReader.Fetch fetch = new SourceReader.Fetch();
        return s.reader().objects(s.sync(), fetch)
                .doOnNext(o -> counts.found.incrementAndGet())
                .buffer(deps.window())
                .map(objects -> Window.digest(objects, s, seen, counts))
                .filter(w -> !w.isEmpty())
                .flatMapSequential(this::decide, Math.max(1, deps.lookahead()), 1)
                // a local target's windows may commit side by side (disjoint origin ids); a remote one's one by one
                .flatMapSequential(this::write, s.writer().local() ? Math.max(1, deps.windowWrites()) : 1, 1)
                .then(Mono.defer(() -> new Deletions(s, deps, counts).run(fetch, seen)));
    }

    /** Looks the window's contracts up (read-only) and decides every object that is not a repeat. */
    private Mono<Window> decide(Window w) {
        long t0 = System.nanoTime();
        return deps.lookups().known(s.sync().id(), w.items.keySet(), freshAfter)
                // mapping and serializing 500 objects is CPU work: off the database connection's event loop,
                // which must stay free to carry the window transactions running meanwhile
                .publishOn(Schedulers.parallel())
                .map(known -> {
                    counts.lookupNanos.addAndGet(System.nanoTime() - t0);
                    w.known = known;
                    for (Window.Item item : w.items.values()) {
                        if (!w.repeats.contains(item.originId())) {
                            Known contract = known.get(item.originId());
                            if (contract != null && contract.targetId() != null) {
                                counts.seenLive.incrementAndGet();
                            }
                            add(w, decider.decide(item, contract));
                        }
                    }
                    return w;
                });
    }

    /** Waits, for a window with repeats, until the earlier windows' writes are done; then writes it. */
    private Mono<Void> write(Window w) {
        return Mono.defer(() -> {
            Mono<Void> earlier = w.repeats.isEmpty() ? Mono.empty()
                    : Mono.whenDelayError(List.copyOf(writing)).onErrorResume(e -> Mono.empty());
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> mine = done.asMono();
            writing.add(mine);
            return earlier.then(Mono.defer(() -> writeWindow(w))).doFinally(signal -> {
                writing.remove(mine);
                done.tryEmitEmpty();
            });
        });
    }

    private Mono<Void> writeWindow(Window w) {
        List<String> repeats = w.items.keySet().stream().filter(w.repeats::contains).toList();
        Mono<Void> decided = repeats.isEmpty() ? Mono.empty()
                : deps.lookups().known(s.sync().id(), repeats, freshAfter).doOnNext(known -> {
                    for (String originId : repeats) {
                        add(w, decider.decide(w.items.get(originId), known.get(originId)));
                    }
                }).then();
        if (s.test()) {
            return decided;
        }
        return renewLease()
                .then(decided)
                .then(Mono.defer(() -> deps.lookups().clearMissing(reappeared(w), Instant.now().truncatedTo(ChronoUnit.MICROS))))
                .then(Mono.defer(() -> writer.write(w.pending)));
    }

    private static void add(Window w, Decider.Pending p) {
        if (p != null) {
            w.pending.add(p);
        }
    }

    /** Contracts a complete fetch had marked missing whose objects this window read again. */
    private static List<UUID> reappeared(Window w) {
        return w.known.values().stream().filter(Known::missing).map(Known::id).collect(Collectors.toList());
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
}
