package org.openconnector.job.run;

import org.openconnector.job.Rows;
import org.openconnector.job.job.Schedule;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims due runs. One transaction locks a batch of due jobs with {@code FOR UPDATE SKIP LOCKED}
 * (replicas never wait for, nor take, each other's batch), advances each job's {@code nextRun}
 * from its planned time, and inserts one running run row per job with a lease; the unique
 * (job, planned time) key makes a second claim of the same planned run impossible. A job with a
 * run still open is skipped unless it allows parallel runs; it is claimed once that run ends.
 */
@Component
public class ClaimStore {

    private static final String DUE = "select id, job_class, arguments::text as arguments_text, interval_seconds, cron, "
            + "execution_time, single_run, next_run from job j where is_enabled and next_run is not null and next_run <= now() + :aheadMs * interval '1 millisecond' "
            + "and (allow_parallel_runs or not exists (select 1 from job_log r where r.job_id = j.id "
            + "and r.status in ('running', 'awaiting'))) order by next_run limit :n for update of j skip locked";

    private static final String UNTIL_DUE = "select (extract(epoch from min(next_run) - clock_timestamp()) * 1000)::bigint "
            + "from job j where is_enabled and next_run is not null and (allow_parallel_runs or not exists "
            + "(select 1 from job_log r where r.job_id = j.id and r.status in ('running', 'awaiting')))";

    private static final String ADVANCE = "update job j set next_run = cast(nullif(v.next, '') as timestamptz), "
            + "last_run = cast(v.planned as timestamptz), is_enabled = j.is_enabled and not j.single_run "
            + "from unnest(cast(:ids as uuid[]), cast(:nexts as text[]), cast(:planned as text[])) as v(id, next, planned) "
            + "where j.id = v.id";

    private static final String INSERT = "insert into job_log (id, job_id, job_class, arguments, status, message, planned_at, "
            + "instance_id, lease_until, deadline, last_run, next_run, user_id, created) "
            + "select v.id, j.id, j.job_class, j.arguments, 'running', 'Running', cast(v.planned as timestamptz), :me, "
            + "now() + :leaseMs * interval '1 millisecond', now() + j.execution_time * interval '1 second', cast(v.planned as timestamptz), "
            + "cast(nullif(v.next, '') as timestamptz), j.user_id, clock_timestamp() "
            + "from unnest(cast(:ids as uuid[]), cast(:jobIds as uuid[]), cast(:planned as text[]), cast(:nexts as text[])) "
            + "as v(id, job_id, planned, next) join job j on j.id = v.job_id";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RunEvents events;
    private final JsonMapper json;

    ClaimStore(DatabaseClient db, TransactionalOperator tx, RunEvents events, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    /**
     * How long until the earliest claimable job is due (zero or negative: due now), by the
     * database's clock; empty when no job is scheduled (jobs waiting for an open run don't count). One read of the due index: the cheap poll
     * that lets a replica sleep until the next run instead of opening a transaction each time.
     */
    public Mono<Duration> untilNextDue() {
        return db.sql(UNTIL_DUE).map(row -> java.util.Optional.ofNullable(row.get(0, Long.class))).one()
                .flatMap(ms -> Mono.justOrEmpty(ms.map(Duration::ofMillis)));
    }

    /**
     * Claims up to {@code limit} runs due within {@code ahead} for {@code instanceId}; emits them
     * once the claim committed. Claiming a little ahead lets a replica start each run at its
     * planned time although it looks for due runs only a few times a second.
     */
    public Mono<List<ClaimedRun>> claimDue(String instanceId, int limit, Duration ahead, Duration lease, Duration catchUpWindow) {
        Mono<List<ClaimedRun>> claim = db.sql(DUE).bind("n", limit).bind("aheadMs", ahead.toMillis()).fetch().all().collectList().flatMap(due -> {
            if (due.isEmpty()) {
                return Mono.just(List.<ClaimedRun>of());
            }
            Instant now = Instant.now();
            int n = due.size();
            String[] ids = new String[n];
            String[] jobIds = new String[n];
            String[] planned = new String[n];
            String[] nexts = new String[n];
            List<ClaimedRun> runs = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Map<String, Object> job = due.get(i);
                Instant plannedAt = Rows.instant(job, "next_run");
                Schedule schedule = new Schedule(Rows.integer(job, "interval_seconds"), Rows.string(job, "cron"));
                UUID runId = UUID.randomUUID();
                ids[i] = runId.toString();
                jobIds[i] = Rows.string(job, "id");
                planned[i] = plannedAt.toString();
                nexts[i] = Rows.bool(job, "single_run") ? "" : schedule.next(plannedAt, now, catchUpWindow).toString();
                runs.add(new ClaimedRun(runId, Rows.uuid(job, "id"), Rows.string(job, "job_class"),
                        Rows.json(job, "arguments_text", json), Duration.ofSeconds(Rows.integer(job, "execution_time")),
                        plannedAt, false, instanceId, 1));
            }
            return db.sql(ADVANCE).bind("ids", jobIds).bind("nexts", nexts).bind("planned", planned).then()
                    .then(db.sql(INSERT).bind("ids", ids).bind("jobIds", jobIds).bind("planned", planned)
                            .bind("nexts", nexts).bind("me", instanceId).bind("leaseMs", lease.toMillis()).then())
                    .then(events.started(runs))
                    .thenReturn(runs);
        });
        return tx.transactional(claim);
    }
}
