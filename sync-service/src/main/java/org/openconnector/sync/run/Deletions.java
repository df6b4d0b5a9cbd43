package org.openconnector.sync.run;

import org.openconnector.common.events.Topics;
import org.openconnector.sync.contract.Known;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The end of a run that read the whole source. Live contracts whose origin ids the run did not see
 * (its {@link SeenSet}) belong to objects gone from the source: they are deleted at the target only
 * when the synchronization asks for it, the run is not a test, the fetch was complete (an error never
 * gets here), and they are at most {@code maxDeleteShare} of the live contracts — otherwise the run
 * fails, deleting nothing. The unseen ones that stay are marked missing, and the synchronization
 * records that this run checked all the others (their sourceLastChecked).
 */
final class Deletions {

    private final SyncRun.Setup s;
    private final SyncRun.Deps deps;
    private final RunCounts counts;

    Deletions(SyncRun.Setup s, SyncRun.Deps deps, RunCounts counts) {
        this.s = s;
        this.deps = deps;
        this.counts = counts;
    }

    Mono<Void> run(SourceReader.Fetch fetch, SeenSet seen) {
        if (s.test()) {
            counts.deletion = "skipped: test run";
            return Mono.empty();
        }
        if (!fetch.complete()) {
            counts.deletion = s.sync().deletes()
                    ? "skipped: sourceConfig.maxPages may have cut the list short, so absent objects may still exist"
                    : "skipped: actions has no \"delete\"";
            return Mono.empty();
        }
        long t0 = System.nanoTime();
        UUID id = s.sync().id();
        return deps.lookups().countLive(id)
                .flatMap(live -> (live == counts.seenLive.get() ? Mono.just(List.<Known>of()) : unseen(id, seen))
                        .flatMap(unseen -> s.sync().deletes() ? delete(unseen, live) : keep(unseen)))
                .then(Mono.fromRunnable(() -> counts.deleteNanos.addAndGet(System.nanoTime() - t0)));
    }

    /**
     * The live contracts the run did not see: the origin ids of all live contracts streamed through the
     * seen set. Only needed when the live contracts outnumber those the run saw (see {@link RunCounts#seenLive});
     * in the usual run, where the source still has everything, one count answers it.
     */
    private Mono<List<Known>> unseen(UUID id, SeenSet seen) {
        return deps.lookups().liveOrigins(id)
                .filter(origin -> !seen.contains(origin))
                .collectList()
                .flatMap(origins -> origins.isEmpty() ? Mono.just(List.<Known>of()) : deps.lookups().live(id, origins).collectList());
    }

    private Mono<Void> delete(List<Known> unseen, long live) {
        if (!unseen.isEmpty() && unseen.size() > live * deps.maxDeleteShare()) {
            counts.deletion = "refused";
            return Mono.error(new RunFailure("Refusing to delete " + unseen.size() + " of " + live + " target objects (more than "
                    + Math.round(deps.maxDeleteShare() * 100) + "% of them); nothing was deleted. Check the source, "
                    + "or raise openconnector.sync.max-delete-share"));
        }
        counts.deletion = "done";
        UUID id = s.sync().id();
        return Flux.fromIterable(unseen)
                .flatMap(c -> s.writer().delete(s.sync(), c.targetId())
                        .then(deps.contracts().tombstone(c.id(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                                .then(deps.outbox().append(Topics.PLATFORM_EVENTS,
                                        ObjectEvents.of(id, "deleted", c.originId(), c.targetId(), null)))
                                .as(deps.tx()::transactional))
                        .doOnSuccess(v -> counts.deleted.incrementAndGet()), deps.concurrency())
                .then(deps.lookups().markChecked(id, s.started()));
    }

    /** Without the delete action the unseen objects stay at the target; their contracts say the source lacks them. */
    private Mono<Void> keep(List<Known> unseen) {
        counts.deletion = "skipped: actions has no \"delete\"";
        List<UUID> ids = new ArrayList<>();
        for (Known c : unseen) {
            if (!c.missing()) {
                ids.add(c.id());
            }
        }
        UUID id = s.sync().id();
        return deps.lookups().markMissing(id, ids).then(deps.lookups().markChecked(id, s.started())).as(deps.tx()::transactional);
    }
}
