package org.openconnector.job.run;

import org.openconnector.common.error.ApiException;
import org.openconnector.job.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Claims a run started by hand. It takes the job's row lock like the scheduler does, so the
 * "one open run at a time" rule holds between manual and scheduled runs. A manual run does not
 * move the job's schedule.
 */
@Component
class ManualRuns {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RunEvents events;
    private final JsonMapper json;

    ManualRuns(DatabaseClient db, TransactionalOperator tx, RunEvents events, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    Mono<ClaimedRun> claim(UUID jobId, boolean force, String instanceId, Duration lease) {
        Mono<ClaimedRun> work = db.sql("select j.*, j.arguments::text as arguments_text, exists (select 1 from job_log r "
                        + "where r.job_id = j.id and r.status in ('running', 'awaiting')) as busy from job j where j.id = :id for update")
                .bind("id", jobId).fetch().one()
                .switchIfEmpty(Mono.error(ApiException.notFound("Job", jobId)))
                .flatMap(job -> {
                    if (!Rows.bool(job, "is_enabled") && !force) {
                        return Mono.error(ApiException.conflict("Job " + jobId + " is disabled; run it with ?force=true"));
                    }
                    if (Rows.bool(job, "busy") && !Rows.bool(job, "allow_parallel_runs")) {
                        return Mono.error(ApiException.conflict("Job " + jobId + " has a run in progress and does not allow parallel runs"));
                    }
                    ClaimedRun run = new ClaimedRun(UUID.randomUUID(), jobId, Rows.string(job, "job_class"),
                            Rows.json(job, "arguments_text", json), Duration.ofSeconds(Rows.integer(job, "execution_time")),
                            Instant.now(), force, instanceId, 1);
                    return db.sql("insert into job_log (id, job_id, job_class, arguments, status, message, planned_at, forced, "
                                    + "manual, instance_id, lease_until, deadline, last_run, next_run, user_id, stack_trace, created) "
                                    + "select :id, j.id, j.job_class, j.arguments, 'running', 'Running', :planned, :forced, true, :me, "
                                    + "now() + :leaseMs * interval '1 millisecond', now() + j.execution_time * interval '1 second', "
                                    + "now(), j.next_run, j.user_id, cast(:trace as jsonb), clock_timestamp() from job j where j.id = :job")
                            .bind("id", run.id()).bind("planned", run.plannedAt()).bind("forced", force).bind("me", instanceId)
                            .bind("leaseMs", lease.toMillis()).bind("job", jobId)
                            .bind("trace", force ? "[\"Doing a force run for this job, ignoring \\\"enabled\\\" & \\\"nextRun\\\" check...\"]" : "[]")
                            .then().then(events.started(run)).thenReturn(run);
                });
        return tx.transactional(work);
    }
}
