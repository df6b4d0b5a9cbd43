package org.openconnector.mapping.rules;

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

/** SQL for the {@code rule} table. */
@Repository
class RuleRepository {

    static final Map<String, String> LIST_COLUMNS = Map.of("name", "name", "action", "action", "timing", "timing",
            "type", "type", "order", "rule_order", "created", "created", "updated", "updated");
    static final Set<String> FILTERABLE = Set.of("name", "action", "timing", "type");
    static final Set<String> SORTABLE = Set.of("name", "type", "order", "created", "updated");
    private static final PagedSql LIST = new PagedSql("rule", LIST_COLUMNS, List.of("name", "description"), "created desc, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    RuleRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<StoredRule> insert(UUID id, RuleDraft d) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("insert into rule (id, name, description, action, timing, conditions, type, configuration, rule_order, "
                + "created, updated) values (:id, :name, :description, :action, :timing, cast(:conditions as jsonb), :type, "
                + "cast(:configuration as jsonb), :order, :now, :now)");
        return bind(spec.bind("id", id).bind("now", now), d).then().thenReturn(stored(id, d, now, now));
    }

    Mono<StoredRule> update(StoredRule old, RuleDraft d) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var spec = db.sql("update rule set name = :name, description = :description, action = :action, timing = :timing, "
                + "conditions = cast(:conditions as jsonb), type = :type, configuration = cast(:configuration as jsonb), "
                + "rule_order = :order, updated = :now where id = :id");
        return bind(spec.bind("id", old.id()).bind("now", now), d).then().thenReturn(stored(old.id(), d, old.created(), now));
    }

    Mono<StoredRule> find(UUID id, boolean forUpdate) {
        return db.sql("select * from rule where id = :id" + (forUpdate ? " for update" : "")).bind("id", id)
                .fetch().one().map(this::read);
    }

    Mono<StoredRule> delete(UUID id) {
        return db.sql("delete from rule where id = :id returning *").bind("id", id).fetch().one().map(this::read);
    }

    Mono<Page<StoredRule>> list(PageQuery query) {
        return LIST.fetch(db, query, Map.of(), this::read);
    }

    private DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, RuleDraft d) {
        spec = spec.bind("name", d.name()).bind("action", d.action()).bind("timing", d.timing()).bind("type", d.type())
                .bind("conditions", json.writeValueAsString(d.conditions()))
                .bind("configuration", json.writeValueAsString(d.configuration())).bind("order", d.order());
        return d.description() == null ? spec.bindNull("description", String.class) : spec.bind("description", d.description());
    }

    private static StoredRule stored(UUID id, RuleDraft d, Instant created, Instant updated) {
        return new StoredRule(id, d.name(), d.description(), d.action(), d.timing(), d.conditions(), d.type(),
                d.configuration(), d.order(), created, updated);
    }

    private StoredRule read(Map<String, Object> row) {
        return new StoredRule((UUID) row.get("id"), (String) row.get("name"), (String) row.get("description"),
                (String) row.get("action"), (String) row.get("timing"), json.readTree(((Json) row.get("conditions")).asString()),
                (String) row.get("type"), json.readTree(((Json) row.get("configuration")).asString()),
                (Integer) row.get("rule_order"), instant(row.get("created")), instant(row.get("updated")));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
