package org.openconnector.job.run;

import org.openconnector.job.action.RunOutcome;
import org.openconnector.job.log.JobLogView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

/**
 * Ends runs. Each end is one transaction: the run row becomes the finished job log (level,
 * message, expiry from the job's retention) and the run's event is appended. Only the claim that
 * owns a running run (same replica, same attempt) can end it, so a replica whose claim was taken
 * over cannot finish the run a second time.
 */
@Component
public class RunStore {

    private static final String END = "update job_log l set status = :status, level = :level, message = :message, "
            + "stack_trace = cast(:trace as jsonb), result = cast(:result as jsonb), finished = clock_timestamp(), started = coalesce(:started, l.started), "
            + "execution_time = coalesce(:elapsed, (extract(epoch from now() - l.created) * 1000)::bigint), "
            + "expires = case when r.keep = 0 then null else now() + r.keep * interval '1 second' end "
            + "from (select j.id, case when :error then j.error_retention else j.log_retention end as keep from job j) r "
            + "where r.id = l.job_id and l.id = :id and ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RunEvents events;
    private final JsonMapper json;

    RunStore(DatabaseClient db, TransactionalOperator tx, RunEvents events, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    /** Ends a run this replica holds; empty when its claim was lost meanwhile. */
    public Mono<JobLogView> complete(ClaimedRun run, RunOutcome outcome, Instant startedAt, long elapsedMs) {
        String guard = "l.status = 'running' and l.instance_id = :me and l.attempt = :attempt";
        // the outcome's own write commits only if this claim still owns the run
        var spec = end(run.id(), outcome, elapsedMs, guard).bind("me", run.instanceId()).bind("attempt", run.attempt());
        return tx.transactional(org.openconnector.job.Rows.bind(spec, "started", startedAt, Instant.class).fetch().one().map(row -> JobLogView.of(row, json))
                .flatMap(log -> outcome.write().then(events.ended(log))));
    }

    /** Ends an awaiting run with the result that arrived for it (any replica); empty when it already ended. */
    public Mono<JobLogView> completeAwaiting(UUID runId, RunOutcome outcome, Long elapsedMs) {
        return tx.transactional(end(runId, outcome, elapsedMs, "l.status in ('awaiting', 'running')")
                .bindNull("started", Instant.class).fetch().one().map(row -> JobLogView.of(row, json)).flatMap(events::ended));
    }

    /** Marks a held run awaiting and commits its hand-off (e.g. the trigger) with it; empty when the claim was lost. */
    public Mono<JobLogView> markAwaiting(ClaimedRun run, RunOutcome outcome, Instant startedAt) {
        Mono<JobLogView> mark = db.sql("update job_log set status = 'awaiting', message = :message, started = :started "
                        + "where id = :id and status = 'running' and instance_id = :me and attempt = :attempt "
                        + "returning " + JobLogView.COLUMNS)
                .bind("message", outcome.message()).bind("started", startedAt).bind("id", run.id()).bind("me", run.instanceId())
                .bind("attempt", run.attempt())
                .fetch().one().map(row -> JobLogView.of(row, json))
                .flatMap(log -> outcome.write().thenReturn(log));
        return tx.transactional(mark);
    }

    private DatabaseClient.GenericExecuteSpec end(UUID id, RunOutcome outcome, Long elapsedMs, String guard) {
        var spec = db.sql(END + guard + " returning l.*, l.arguments::text as arguments_text, "
                        + "l.stack_trace::text as stack_trace_text, l.result::text as result_text")
                .bind("id", id)
                .bind("status", RunOutcome.ERROR.equals(outcome.level()) ? "failed" : "succeeded")
                .bind("level", outcome.level())
                .bind("message", truncate(outcome.message()))
                .bind("trace", json.writeValueAsString(outcome.stackTrace()))
                .bind("error", outcome.isError());
        spec = outcome.result() == null ? spec.bindNull("result", String.class)
                : spec.bind("result", json.writeValueAsString(outcome.result()));
        return elapsedMs == null ? spec.bindNull("elapsed", Long.class) : spec.bind("elapsed", elapsedMs);
    }

    /** OpenConnector's cut-off for log messages. */
    static String truncate(String message) {
        if (message == null || message.length() <= 10_000) {
            return message;
        }
        return message.substring(0, 10_000) + "... [Message truncated - original length: " + message.length() + " characters]";
    }
}
