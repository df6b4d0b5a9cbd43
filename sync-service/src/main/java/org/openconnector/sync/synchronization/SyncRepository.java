package org.openconnector.sync.synchronization;

import io.r2dbc.postgresql.codec.Json;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL for the {@code synchronization} table. */
@Repository
public class SyncRepository {

    static final Map<String, String> LIST_COLUMNS = Map.of("name", "name", "sourceId", "source_id", "targetId", "target_id",
            "sourceType", "source_type", "targetType", "target_type", "version", "version", "created", "created",
            "updated", "updated", "sourceTargetMapping", "source_target_mapping");
    static final Set<String> SORTABLE = Set.of("name", "version", "created", "updated", "sourceId", "targetId");
    private static final PagedSql LIST = new PagedSql("synchronization", LIST_COLUMNS, List.of("name", "description"),
            "created desc, id");
    private static final String VALUES = "name = :name, description = :description, version = :version, "
            + "conditions = cast(:conditions as jsonb), source_id = :sourceId, source_type = :sourceType, "
            + "source_hash_mapping = :hashMapping, source_target_mapping = :targetMapping, source_config = cast(:sourceConfig as jsonb), "
            + "target_id = :targetId, target_type = :targetType, target_source_mapping = :targetSourceMapping, "
            + "target_config = cast(:targetConfig as jsonb), actions = cast(:actions as jsonb), updated = :now";

    private final DatabaseClient db;
    private final JsonMapper json;

    public SyncRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Synchronization> insert(UUID id, SyncDraft d, String version, Instant now) {
        return bind(db.sql("insert into synchronization (id, name, description, version, conditions, source_id, source_type, "
                        + "source_hash_mapping, source_target_mapping, source_config, target_id, target_type, target_source_mapping, "
                        + "target_config, actions, created, updated) values (:id, :name, :description, :version, "
                        + "cast(:conditions as jsonb), :sourceId, :sourceType, :hashMapping, :targetMapping, cast(:sourceConfig as jsonb), "
                        + ":targetId, :targetType, :targetSourceMapping, cast(:targetConfig as jsonb), cast(:actions as jsonb), :now, :now) "
                        + "returning *")
                .bind("id", id), d, version, now).fetch().one().map(this::read);
    }

    public Mono<Synchronization> update(UUID id, SyncDraft d, String version, Instant now) {
        return bind(db.sql("update synchronization set " + VALUES + " where id = :id returning *").bind("id", id), d, version, now)
                .fetch().one().map(this::read);
    }

    public Mono<Synchronization> find(UUID id, boolean forUpdate) {
        return db.sql("select * from synchronization where id = :id" + (forUpdate ? " for update" : "")).bind("id", id)
                .fetch().one().map(this::read);
    }

    /**
     * Deletes a synchronization and its contracts (call it inside a transaction; contracts have no
     * cascading key, see V5). The synchronization row goes first: a run's window transaction holds it
     * (for key share) until it commits, so once this delete has it, the contracts statement sees every
     * contract that window wrote, and later windows find the synchronization gone.
     */
    public Mono<Synchronization> delete(UUID id) {
        return db.sql("delete from synchronization where id = :id returning *").bind("id", id).fetch().one().map(this::read)
                .flatMap(s -> db.sql("delete from contract where synchronization_id = :id").bind("id", id).then().thenReturn(s));
    }

    public Mono<Page<Synchronization>> list(PageQuery query) {
        return LIST.fetch(db, query, Map.of(), this::read);
    }

    /** Stamps the end of a successful (non-test) run. */
    public Mono<Void> markSynced(UUID id, Instant started, Instant now) {
        return db.sql("update synchronization set source_last_checked = :started, source_last_synced = :now, "
                        + "target_last_synced = :now where id = :id")
                .bind("id", id).bind("started", started).bind("now", now).then();
    }

    private DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, SyncDraft d, String version, Instant now) {
        spec = spec.bind("name", d.name()).bind("version", version).bind("sourceId", d.sourceId().toString())
                .bind("sourceType", d.sourceType()).bind("targetId", d.targetId()).bind("targetType", d.targetType())
                .bind("sourceConfig", json.writeValueAsString(d.sourceConfig()))
                .bind("targetConfig", json.writeValueAsString(d.targetConfig()))
                .bind("actions", json.writeValueAsString(d.actions())).bind("now", now);
        spec = nullable(spec, "description", d.description());
        spec = nullable(spec, "conditions", d.conditions() == null ? null : json.writeValueAsString(d.conditions()));
        spec = nullable(spec, "hashMapping", d.sourceHashMapping() == null ? null : d.sourceHashMapping().toString());
        spec = nullable(spec, "targetMapping", d.sourceTargetMapping() == null ? null : d.sourceTargetMapping().toString());
        return nullable(spec, "targetSourceMapping", d.targetSourceMapping());
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    Synchronization read(Map<String, Object> row) {
        return new Synchronization((UUID) row.get("id"), (String) row.get("name"), (String) row.get("description"),
                (String) row.get("version"), node(row.get("conditions")), (String) row.get("source_id"),
                (String) row.get("source_type"), (String) row.get("source_hash_mapping"), (String) row.get("source_target_mapping"),
                (ObjectNode) node(row.get("source_config")), (String) row.get("target_id"), (String) row.get("target_type"),
                (String) row.get("target_source_mapping"), (ObjectNode) node(row.get("target_config")),
                (ArrayNode) node(row.get("actions")), instant(row.get("source_last_changed")), instant(row.get("source_last_checked")),
                instant(row.get("source_last_synced")), instant(row.get("target_last_changed")),
                instant(row.get("target_last_checked")), instant(row.get("target_last_synced")),
                instant(row.get("created")), instant(row.get("updated")));
    }

    private JsonNode node(Object raw) {
        return raw instanceof Json j ? json.readTree(j.asString()) : null;
    }

    public static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
