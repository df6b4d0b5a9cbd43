package org.openconnector.sync.storage;

import io.r2dbc.postgresql.codec.Json;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.openconnector.sync.synchronization.SyncRepository.instant;

/** SQL for storages and their entities; an entity put is an upsert, so writing the same key twice is harmless. */
@Repository
public class StorageRepository {

    static final Set<String> STORAGE_FIELDS = Set.of("identifier", "name", "created", "updated");
    static final Set<String> ENTITY_FILTERS = Set.of("key");
    static final Set<String> ENTITY_SORT = Set.of("key", "created", "updated");
    private static final PagedSql STORAGES = new PagedSql("storage", Map.of("identifier", "identifier", "name", "name",
            "created", "created", "updated", "updated"), List.of("identifier", "name", "description"), "identifier");
    private static final PagedSql ENTITIES = new PagedSql("storage_entity", Map.of("key", "key", "storage", "storage",
            "created", "created", "updated", "updated"), List.of("key", "value"), "key");

    private final DatabaseClient db;
    private final JsonMapper json;

    public StorageRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Long> insert(String identifier, String name, String description) {
        Instant now = now();
        var spec = db.sql("insert into storage (identifier, name, description, created, updated) values (:i, :n, :d, :now, :now) "
                + "on conflict do nothing").bind("i", identifier).bind("now", now);
        spec = name == null ? spec.bindNull("n", String.class) : spec.bind("n", name);
        spec = description == null ? spec.bindNull("d", String.class) : spec.bind("d", description);
        return spec.fetch().rowsUpdated();
    }

    public Mono<ObjectNode> find(String identifier) {
        return db.sql("select * from storage where identifier = :i").bind("i", identifier).fetch().one().map(this::storage);
    }

    /**
     * Deletes a storage and its entities (call it inside a transaction; entities have no cascading key,
     * see V5). The storage row goes first: a window transaction writing into it holds it until it commits,
     * so the entities statement then sees that window's entities too.
     */
    Mono<Long> delete(String identifier) {
        return db.sql("delete from storage where identifier = :i").bind("i", identifier).fetch().rowsUpdated()
                .flatMap(n -> db.sql("delete from storage_entity where storage = :i").bind("i", identifier).then().thenReturn(n));
    }

    /**
     * Locks the storage row against deletion until the surrounding transaction ends (what the dropped
     * foreign key did per entity row, see V5); false when there is no such storage.
     */
    public Mono<Boolean> hold(String identifier) {
        return db.sql("select 1 from storage where identifier = :i for key share").bind("i", identifier).map(r -> 1).one().hasElement();
    }

    Mono<Page<ObjectNode>> list(PageQuery query) {
        return STORAGES.fetch(db, query, Map.of(), this::storage);
    }

    Mono<Page<ObjectNode>> entities(String identifier, PageQuery query) {
        return ENTITIES.fetch(db, query, Map.of("storage", identifier), this::entity);
    }

    Flux<ObjectNode> export(String identifier) {
        return db.sql("select * from storage_entity where storage = :i order by key").bind("i", identifier).fetch().all().map(this::entity);
    }

    Mono<ObjectNode> entity(String identifier, String key) {
        return db.sql("select * from storage_entity where storage = :i and key = :k").bind("i", identifier).bind("k", key)
                .fetch().one().map(this::entity);
    }

    /** Upserts one entity; false (nothing written) when the storage does not exist (the statement locks its row, see V5). */
    public Mono<Boolean> put(String identifier, String key, JsonNode value) {
        Instant now = now();
        return db.sql("insert into storage_entity (storage, key, value, created, updated) select :i, :k, cast(:v as jsonb), :now, :now "
                        + "where exists (select 1 from storage where identifier = :i for key share) "
                        + "on conflict (storage, key) do update set value = excluded.value, updated = excluded.updated")
                .bind("i", identifier).bind("k", key).bind("v", json.writeValueAsString(value)).bind("now", now)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /**
     * Upserts many entities (key to JSON text) in one statement per ~{@value #CHUNK_CHARS} characters of
     * values (after {@link #hold}, in the same transaction); keys must be distinct (Postgres refuses to
     * touch a row twice in one statement). The values travel as one JSON array per statement (parsed
     * once by Postgres straight into jsonb, zipped with the keys by {@code rows from}) rather than as a
     * text[] of JSON documents, which would be escaped into an array literal here and unescaped and cast
     * one by one there. The chunks keep each array text below half a G1 region of a small heap (a whole
     * window's array, ~650 KB for 500 objects of 1.3 KB, was a humongous allocation that started a
     * concurrent GC cycle nearly every time).
     */
    public Mono<Void> putAll(String identifier, Map<String, String> jsonValues) {
        if (jsonValues.isEmpty()) {
            return Mono.empty();
        }
        List<String> keys = new ArrayList<>(jsonValues.size());
        StringBuilder array = new StringBuilder(CHUNK_CHARS + 4096).append('[');
        List<Mono<Void>> statements = new ArrayList<>();
        for (Map.Entry<String, String> e : jsonValues.entrySet()) {
            if (!keys.isEmpty() && array.length() + e.getValue().length() > CHUNK_CHARS) {
                statements.add(upsert(identifier, keys, array.append(']').toString()));
                keys = new ArrayList<>();
                array.setLength(0);
                array.append('[');
            }
            array.append(keys.isEmpty() ? "" : ",").append(e.getValue());
            keys.add(e.getKey());
        }
        statements.add(upsert(identifier, keys, array.append(']').toString()));
        return Flux.concat(statements).then();
    }

    private static final int CHUNK_CHARS = 200_000;

    private Mono<Void> upsert(String identifier, List<String> keys, String jsonArray) {
        return db.sql("insert into storage_entity (storage, key, value, created, updated) "
                        + "select :i, t.k, t.v, :now, :now "
                        + "from rows from (unnest(cast(:keys as text[])), jsonb_array_elements(cast(:values as jsonb))) as t(k, v) "
                        + "on conflict (storage, key) do update set value = excluded.value, updated = excluded.updated")
                .bind("i", identifier).bind("keys", keys.toArray(String[]::new)).bind("values", jsonArray).bind("now", now()).then();
    }

    public Mono<Long> deleteEntity(String identifier, String key) {
        return db.sql("delete from storage_entity where storage = :i and key = :k").bind("i", identifier).bind("k", key)
                .fetch().rowsUpdated();
    }

    private ObjectNode storage(Map<String, Object> row) {
        ObjectNode out = json.createObjectNode();
        out.put("identifier", (String) row.get("identifier"));
        out.put("name", (String) row.get("name"));
        out.put("description", (String) row.get("description"));
        out.put("created", instant(row.get("created")).toString());
        out.put("updated", instant(row.get("updated")).toString());
        return out;
    }

    private ObjectNode entity(Map<String, Object> row) {
        ObjectNode out = json.createObjectNode();
        out.put("key", (String) row.get("key"));
        out.set("value", json.readTree(((Json) row.get("value")).asString()));
        out.put("created", instant(row.get("created")).toString());
        out.put("updated", instant(row.get("updated")).toString());
        return out;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
