package org.openconnector.job.job;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.openconnector.job.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The {@code job} table. */
@Component
class JobStore {

    static final String COLUMNS = "*, arguments::text as arguments_text";
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("jobClass", "job_class"), Map.entry("isEnabled", "is_enabled"),
            Map.entry("interval", "interval_seconds"), Map.entry("nextRun", "next_run"), Map.entry("lastRun", "last_run"),
            Map.entry("created", "created"), Map.entry("updated", "updated"), Map.entry("userId", "user_id"),
            Map.entry("singleRun", "single_run"));
    static final Set<String> SORTABLE = Set.of("name", "jobClass", "interval", "nextRun", "lastRun", "created", "updated");
    static final Set<String> FILTERABLE = Set.of("name", "jobClass", "isEnabled", "userId", "singleRun");
    private static final PagedSql PAGED = new PagedSql("(select " + COLUMNS + " from job) j", FIELDS,
            List.of("name", "description", "job_class"), "created desc, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    JobStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Page<JobView>> list(PageQuery query) {
        return PAGED.fetch(db, query, Map.of(), this::view);
    }

    Mono<JobView> find(UUID id, boolean forUpdate) {
        return db.sql("select " + COLUMNS + " from job where id = :id" + (forUpdate ? " for update" : ""))
                .bind("id", id).fetch().one().map(this::view);
    }

    /** Inserts or replaces every client-set field; {@code nextRun} is the server's, {@code lastRun} kept. */
    Mono<JobView> save(UUID id, JobRequest r, String jobClass, Instant nextRun, boolean insert) {
        String sql = insert
                ? "insert into job (id, name, description, job_class, arguments, interval_seconds, cron, execution_time, "
                + "time_sensitive, allow_parallel_runs, is_enabled, single_run, schedule_after, user_id, job_list_id, "
                + "log_retention, error_retention, next_run, version) values (:id, :name, :description, :jobClass, "
                + "cast(:arguments as jsonb), :interval, :cron, :executionTime, :timeSensitive, :parallel, :enabled, "
                + ":singleRun, :scheduleAfter, :userId, :jobListId, :logRetention, :errorRetention, :nextRun, :version) "
                + "returning " + COLUMNS
                : "update job set name = :name, description = :description, job_class = :jobClass, "
                + "arguments = cast(:arguments as jsonb), interval_seconds = :interval, cron = :cron, "
                + "execution_time = :executionTime, time_sensitive = :timeSensitive, allow_parallel_runs = :parallel, "
                + "is_enabled = :enabled, single_run = :singleRun, schedule_after = :scheduleAfter, user_id = :userId, "
                + "job_list_id = :jobListId, log_retention = :logRetention, error_retention = :errorRetention, "
                + "next_run = :nextRun, version = :version, updated = now() where id = :id returning " + COLUMNS;
        Schedule schedule = r.schedule();
        var spec = db.sql(sql).bind("id", id).bind("name", r.name()).bind("jobClass", jobClass)
                .bind("arguments", json.writeValueAsString(r.arguments() == null ? json.createObjectNode() : r.arguments()))
                .bind("interval", schedule.intervalSeconds())
                .bind("executionTime", orDefault(r.executionTime(), JobRequest.DEFAULT_EXECUTION_TIME))
                .bind("timeSensitive", r.timeSensitive() == null || r.timeSensitive())
                .bind("parallel", Boolean.TRUE.equals(r.allowParallelRuns()))
                .bind("enabled", r.enabled())
                .bind("singleRun", Boolean.TRUE.equals(r.singleRun()))
                .bind("logRetention", orDefault(r.logRetention(), JobRequest.DEFAULT_LOG_RETENTION))
                .bind("errorRetention", orDefault(r.errorRetention(), JobRequest.DEFAULT_ERROR_RETENTION))
                .bind("version", r.version() == null ? "0.0.1" : r.version());
        spec = Rows.bind(spec, "description", r.description(), String.class);
        spec = Rows.bind(spec, "cron", schedule.cron(), String.class);
        spec = Rows.bind(spec, "scheduleAfter", r.scheduleAfter(), Instant.class);
        spec = Rows.bind(spec, "userId", r.userId(), String.class);
        spec = Rows.bind(spec, "jobListId", r.jobListId(), String.class);
        spec = Rows.bind(spec, "nextRun", nextRun, Instant.class);
        return spec.fetch().one().map(this::view);
    }

    Mono<JobView> delete(UUID id) {
        return db.sql("delete from job where id = :id returning " + COLUMNS).bind("id", id).fetch().one().map(this::view);
    }

    private static int orDefault(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    JobView view(Map<String, Object> row) {
        String id = Rows.string(row, "id");
        return new JobView(id, id, Rows.string(row, "name"), Rows.string(row, "description"), Rows.string(row, "job_class"),
                Rows.json(row, "arguments_text", json), Rows.integer(row, "interval_seconds"), Rows.string(row, "cron"),
                Rows.integer(row, "execution_time"), Rows.bool(row, "time_sensitive"), Rows.bool(row, "allow_parallel_runs"),
                Rows.bool(row, "is_enabled"), Rows.bool(row, "single_run"), Rows.instant(row, "schedule_after"),
                Rows.string(row, "user_id"), Rows.string(row, "job_list_id"), Rows.integer(row, "log_retention"),
                Rows.integer(row, "error_retention"), Rows.instant(row, "last_run"), Rows.instant(row, "next_run"),
                Rows.instant(row, "created"), Rows.instant(row, "updated"), Rows.string(row, "version"));
    }
}
