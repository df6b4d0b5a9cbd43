package org.openconnector.sync.log;

import io.r2dbc.postgresql.codec.Json;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.openconnector.sync.synchronization.SyncRepository.instant;

/** SQL for {@code sync_log}: a row is written when a run starts and completed when it ends. */
@Repository
public class SyncLogRepository {

    static final Map<String, String> LIST_COLUMNS = Map.of("status", "status", "trigger", "trigger", "test", "test",
            "force", "force", "jobRunId", "job_run_id", "started", "started", "finished", "finished",
            "synchronizationId", "synchronization_id");
    static final Set<String> FILTERABLE = Set.of("status", "trigger", "test", "force", "jobRunId");
    static final Set<String> SORTABLE = Set.of("started", "finished", "status");
    private static final PagedSql LIST = new PagedSql("sync_log", LIST_COLUMNS, List.of("error"), "started desc, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    public SyncLogRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> save(SyncLog log) {
        var spec = db.sql("insert into sync_log (id, synchronization_id, status, trigger, job_run_id, test, force, counts, stages, "
                        + "error, started, finished) values (:id, :s, :status, :trigger, :job, :test, :force, cast(:counts as jsonb), "
                        + "cast(:stages as jsonb), :error, :started, :finished) on conflict (id) do update set status = excluded.status, "
                        + "counts = excluded.counts, stages = excluded.stages, error = excluded.error, finished = excluded.finished")
                .bind("id", log.id()).bind("s", log.synchronizationId()).bind("status", log.status())
                .bind("trigger", log.trigger()).bind("test", log.test()).bind("force", log.force())
                .bind("counts", json.writeValueAsString(log.counts())).bind("stages", json.writeValueAsString(log.stages()))
                .bind("started", log.started());
        spec = log.jobRunId() == null ? spec.bindNull("job", String.class) : spec.bind("job", log.jobRunId());
        spec = log.error() == null ? spec.bindNull("error", String.class) : spec.bind("error", log.error());
        spec = log.finished() == null ? spec.bindNull("finished", java.time.Instant.class) : spec.bind("finished", log.finished());
        return spec.then();
    }

    public Mono<Page<SyncLog>> list(UUID synchronizationId, PageQuery query) {
        return LIST.fetch(db, query, Map.of("synchronizationId", synchronizationId.toString()), this::read);
    }

    private SyncLog read(Map<String, Object> row) {
        return new SyncLog((UUID) row.get("id"), (UUID) row.get("synchronization_id"), (String) row.get("status"),
                (String) row.get("trigger"), (String) row.get("job_run_id"), (Boolean) row.get("test"), (Boolean) row.get("force"),
                node(row.get("counts")), node(row.get("stages")), (String) row.get("error"), instant(row.get("started")),
                instant(row.get("finished")));
    }

    private JsonNode node(Object raw) {
        return raw instanceof Json j ? json.readTree(j.asString()) : null;
    }
}
