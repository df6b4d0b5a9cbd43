package org.openconnector.job.run;

import org.openconnector.job.Rows;
import org.openconnector.job.action.RunOutcome;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Leases of running runs: the owner renews them; when one lapses (its replica died or stalled)
 * another replica takes the run over for another attempt, or fails it after the last attempt.
 * Awaiting runs (handed off, e.g. to sync-service) have a deadline instead and fail when it passes.
 */
@Component
public class LeaseStore {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RunStore runs;
    private final RunEvents events;
    private final JsonMapper json;

    LeaseStore(DatabaseClient db, TransactionalOperator tx, RunStore runs, RunEvents events, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.runs = runs;
        this.events = events;
        this.json = json;
    }

    /**
     * Renews the leases of {@code ids} that are still running here; emits those another replica
     * took over meanwhile (this one stalled), which this replica should stop.
     */
    public Mono<Set<UUID>> renew(String instanceId, Collection<UUID> ids, Duration lease) {
        if (ids.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("with renewed as (update job_log set lease_until = now() + :leaseMs * interval '1 millisecond' "
                        + "where id = any(cast(:ids as uuid[])) and status = 'running' and instance_id = :me returning id) "
                        + "select id from job_log where id = any(cast(:ids as uuid[])) and instance_id <> :me")
                .bind("leaseMs", lease.toMillis()).bind("me", instanceId)
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("id", UUID.class)).all().collect(Collectors.toSet());
    }

    /** Lets other replicas take this replica's running runs at once (graceful stop). */
    public Mono<Long> release(String instanceId) {
        return db.sql("update job_log set lease_until = now() where status = 'running' and instance_id = :me")
                .bind("me", instanceId).fetch().rowsUpdated();
    }

    /**
     * Takes over up to {@code limit} runs whose lease lapsed: another attempt for this replica while
     * attempts remain (emitted, to be executed), a failed run with an ERROR log otherwise.
     */
    public Mono<List<ClaimedRun>> takeOver(String instanceId, int maxAttempts, Duration lease, int limit) {
        Mono<List<ClaimedRun>> work = db.sql("select l.id, l.job_id, l.job_class, l.arguments::text as arguments_text, "
                        + "l.planned_at, l.forced, l.attempt, l.instance_id, j.execution_time from job_log l join job j on j.id = l.job_id "
                        + "where l.status = 'running' and l.lease_until < now() order by l.lease_until limit :n for update of l skip locked")
                .bind("n", limit).fetch().all()
                .concatMap(row -> {
                    UUID id = Rows.uuid(row, "id");
                    String lost = "Replica " + Rows.string(row, "instance_id") + " stopped renewing its claim (attempt "
                            + Rows.integer(row, "attempt") + ")";
                    if (Rows.integer(row, "attempt") >= maxAttempts) {
                        ClaimedRun dead = new ClaimedRun(id, null, null, null, null, null, false,
                                Rows.string(row, "instance_id"), Rows.integer(row, "attempt"));
                        return runs.complete(dead, RunOutcome.failed(lost + "; no attempts left, run failed", List.of(lost)), null, 0)
                                .then(Mono.<ClaimedRun>empty());
                    }
                    int attempt = Rows.integer(row, "attempt") + 1;
                    ClaimedRun run = new ClaimedRun(id, Rows.uuid(row, "job_id"), Rows.string(row, "job_class"),
                            Rows.json(row, "arguments_text", json), Duration.ofSeconds(Rows.integer(row, "execution_time")),
                            Rows.instant(row, "planned_at"), Rows.bool(row, "forced"), instanceId, attempt);
                    return db.sql("update job_log set instance_id = :me, attempt = :attempt, message = :message, "
                                    + "lease_until = now() + :leaseMs * interval '1 millisecond', "
                                    + "deadline = now() + :exec * interval '1 second' where id = :id")
                            .bind("me", instanceId).bind("attempt", attempt).bind("message", lost + "; taken over by " + instanceId)
                            .bind("leaseMs", lease.toMillis()).bind("exec", run.executionTime().toSeconds()).bind("id", id)
                            .then().then(events.started(run)).thenReturn(run);
                })
                .collectList();
        return tx.transactional(work);
    }

    /** Fails awaiting runs whose deadline passed without a result. */
    public Mono<Long> expireAwaiting(int limit) {
        Mono<Long> work = db.sql("select id, extract(epoch from deadline - created)::bigint as secs from job_log "
                        + "where status = 'awaiting' and deadline < now() limit :n for update skip locked")
                .bind("n", limit).fetch().all()
                .concatMap(row -> runs.completeAwaiting(Rows.uuid(row, "id"), RunOutcome.failed(
                        "Timed out: no result within " + row.get("secs") + " s (executionTime)", List.of("Awaited a result")), null))
                .count();
        return tx.transactional(work);
    }
}
