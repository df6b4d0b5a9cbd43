package org.openconnector.mapping.mappings;

import io.r2dbc.postgresql.codec.Json;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL for the {@code mapping} table. */
@Repository
public class MappingRepository {

    static final Map<String, String> LIST_COLUMNS = Map.of("name", "name", "reference", "reference", "version", "version",
            "passThrough", "pass_through", "dateCreated", "date_created", "dateModified", "date_modified");
    static final Set<String> FILTERABLE = Set.of("name", "reference", "version", "passThrough");
    static final Set<String> SORTABLE = Set.of("name", "version", "dateCreated", "dateModified");
    private static final PagedSql LIST = new PagedSql("mapping", LIST_COLUMNS, List.of("name", "description"), "date_created desc, id");
    private static final String VALUES = "name = :name, description = :description, reference = :reference, version = :version, "
            + "mapping = cast(:mapping as jsonb), unset = cast(:unset as jsonb), \"cast\" = cast(:cast as jsonb), pass_through = :pass";

    private final DatabaseClient db;
    private final JsonMapper json;

    public MappingRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<StoredMapping> insert(UUID id, MappingDraft d, String version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("insert into mapping (id, name, description, reference, version, mapping, unset, \"cast\", pass_through, "
                + "date_created, date_modified) values (:id, :name, :description, :reference, :version, cast(:mapping as jsonb), "
                + "cast(:unset as jsonb), cast(:cast as jsonb), :pass, :now, :now)");
        return bind(spec.bind("id", id).bind("now", now), d, version).then()
                .thenReturn(stored(id, d, version, now, now));
    }

    public Mono<StoredMapping> update(StoredMapping old, MappingDraft d, String version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("update mapping set " + VALUES + ", date_modified = :now where id = :id");
        return bind(spec.bind("id", old.id()).bind("now", now), d, version).then()
                .thenReturn(stored(old.id(), d, version, old.dateCreated(), now));
    }

    public Mono<StoredMapping> find(UUID id, boolean forUpdate) {
        return db.sql("select * from mapping where id = :id" + (forUpdate ? " for update" : "")).bind("id", id)
                .fetch().one().map(this::read);
    }

    public Mono<StoredMapping> delete(UUID id) {
        return db.sql("delete from mapping where id = :id returning *").bind("id", id).fetch().one().map(this::read);
    }

    public Mono<Boolean> exists(UUID id) {
        return db.sql("select 1 from mapping where id = :id").bind("id", id).fetch().one().hasElement();
    }

    public Mono<Page<StoredMapping>> list(PageQuery query) {
        return LIST.fetch(db, query, Map.of(), this::read);
    }

    private DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, MappingDraft d, String version) {
        spec = spec.bind("name", d.name()).bind("version", version)
                .bind("mapping", json.writeValueAsString(d.mapping())).bind("unset", json.writeValueAsString(d.unset()))
                .bind("cast", json.writeValueAsString(d.cast())).bind("pass", d.passThrough());
        spec = d.description() == null ? spec.bindNull("description", String.class) : spec.bind("description", d.description());
        return d.reference() == null ? spec.bindNull("reference", String.class) : spec.bind("reference", d.reference());
    }

    private static StoredMapping stored(UUID id, MappingDraft d, String version, Instant created, Instant modified) {
        return new StoredMapping(id, d.name(), d.description(), d.reference(), version, d.mapping(), d.unset(), d.cast(),
                d.passThrough(), created, modified);
    }

    private StoredMapping read(Map<String, Object> row) {
        return new StoredMapping((UUID) row.get("id"), (String) row.get("name"), (String) row.get("description"),
                (String) row.get("reference"), (String) row.get("version"), json.readTree(((Json) row.get("mapping")).asString()),
                json.readTree(((Json) row.get("unset")).asString()), json.readTree(((Json) row.get("cast")).asString()),
                (Boolean) row.get("pass_through"), instant(row.get("date_created")), instant(row.get("date_modified")));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
