package org.openconnector.connector.source;

import io.r2dbc.postgresql.codec.Json;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** SQL for the {@code source} table; columns and binds come from {@link SourceField}. */
@Repository
public class SourceRepository {

    private static final List<SourceField> FIELDS = List.of(SourceField.values());
    private static final String COLUMNS = FIELDS.stream().map(SourceField::column).collect(Collectors.joining(", "));
    private static final String PARAMS = FIELDS.stream()
            .map(f -> f.jsonb() ? "cast(:" + f.column() + " as jsonb)" : ":" + f.column())
            .collect(Collectors.joining(", "));
    private static final String SETS = FIELDS.stream()
            .map(f -> f.column() + " = " + (f.jsonb() ? "cast(:" + f.column() + " as jsonb)" : ":" + f.column()))
            .collect(Collectors.joining(", "));

    static final Map<String, String> LIST_COLUMNS = Map.of("name", "name", "type", "type", "isEnabled", "is_enabled",
            "auth", "auth", "location", "location", "reference", "reference", "version", "version",
            "created", "created", "updated", "updated");
    private static final PagedSql LIST = new PagedSql("source", LIST_COLUMNS,
            List.of("name", "description", "location"), "created desc, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    public SourceRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<StoredSource> insert(UUID id, Map<SourceField, JsonNode> values) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("insert into source (id, " + COLUMNS + ", created, updated) values (:id, " + PARAMS + ", :now, :now)")
                .bind("id", id).bind("now", now);
        return bindValues(spec, values).then().thenReturn(new StoredSource(id, values, now, now));
    }

    public Mono<StoredSource> update(StoredSource old, Map<SourceField, JsonNode> values) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("update source set " + SETS + ", updated = :now where id = :id").bind("id", old.id()).bind("now", now);
        return bindValues(spec, values).then().thenReturn(new StoredSource(old.id(), values, old.created(), now));
    }

    /** The stored source, locked for the rest of the transaction when {@code forUpdate}. */
    public Mono<StoredSource> find(UUID id, boolean forUpdate) {
        return db.sql("select * from source where id = :id" + (forUpdate ? " for update" : "")).bind("id", id)
                .fetch().one().map(this::read);
    }

    public Mono<StoredSource> delete(UUID id) {
        return db.sql("delete from source where id = :id returning *").bind("id", id).fetch().one().map(this::read);
    }

    public Mono<Page<StoredSource>> list(PageQuery query) {
        return LIST.fetch(db, query, Map.of(), this::read);
    }

    private DatabaseClient.GenericExecuteSpec bindValues(DatabaseClient.GenericExecuteSpec spec, Map<SourceField, JsonNode> values) {
        for (SourceField f : FIELDS) {
            JsonNode v = values.get(f);
            if (v == null || v.isNull()) {
                spec = spec.bindNull(f.column(), f.kind() == SourceField.Kind.BOOLEAN ? Boolean.class : String.class);
            } else if (f.kind() == SourceField.Kind.BOOLEAN) {
                spec = spec.bind(f.column(), v.booleanValue());
            } else {
                spec = spec.bind(f.column(), f.jsonb() ? json.writeValueAsString(v) : v.stringValue());
            }
        }
        return spec;
    }

    private StoredSource read(Map<String, Object> row) {
        Map<SourceField, JsonNode> values = new EnumMap<>(SourceField.class);
        for (SourceField f : FIELDS) {
            Object raw = row.get(f.column());
            if (raw instanceof Json j) {
                values.put(f, json.readTree(j.asString()));
            } else if (raw instanceof Boolean b) {
                values.put(f, JsonNodeFactory.instance.booleanNode(b));
            } else if (raw != null) {
                values.put(f, JsonNodeFactory.instance.stringNode(raw.toString()));
            }
        }
        return new StoredSource((UUID) row.get("id"), values, instant(row.get("created")), instant(row.get("updated")));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    static List<String> sortable() {
        return Arrays.asList("name", "type", "isEnabled", "location", "version", "created", "updated");
    }
}
