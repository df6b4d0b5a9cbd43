package org.openconnector.event.definition;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL for event definitions. */
@Repository
public class EventRepository {

    /** payload as text: the R2DBC jsonb type is a driver class this module does not compile against. */
    static final String SELECT = "(select e.*, e.payload::text as payload_json from event e) ev";
    static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("eventType", "event_type"), Map.entry("priority", "priority"),
            Map.entry("isEnabled", "is_enabled"), Map.entry("oneTime", "one_time"), Map.entry("userId", "user_id"),
            Map.entry("eventGroupId", "event_group_id"), Map.entry("isAsync", "is_async"),
            Map.entry("allowDuplicates", "allow_duplicates"), Map.entry("lastTriggered", "last_triggered"),
            Map.entry("created", "created"), Map.entry("updated", "updated"));
    static final Set<String> FILTERABLE = Set.of("name", "eventType", "priority", "isEnabled", "oneTime", "userId",
            "eventGroupId", "isAsync", "allowDuplicates");
    private static final PagedSql PAGED = new PagedSql(SELECT, COLUMNS, List.of("name", "description", "event_type"),
            "created desc, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    EventRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Page<EventView>> list(PageQuery query) {
        return PAGED.fetch(db, query, Map.of(), row -> EventView.of(row, json));
    }

    public Mono<EventView> find(UUID id) {
        return db.sql("select * from " + SELECT + " where id = :id").bind("id", id)
                .fetch().one().map(row -> EventView.of(row, json));
    }

    Mono<Void> insert(EventDefinition d) {
        return bind(db.sql("insert into event (id, name, description, event_type, payload, priority, timeout_seconds, "
                + "is_async, allow_duplicates, is_enabled, one_time, schedule_after, user_id, event_group_id, "
                + "retention_period, error_retention) values (:id, :name, :description, :eventType, cast(:payload as jsonb), "
                + ":priority, :timeout, :isAsync, :allowDuplicates, :isEnabled, :oneTime, :scheduleAfter, :userId, "
                + ":eventGroupId, :retentionPeriod, :errorRetention)"), d).then();
    }

    Mono<Long> update(EventDefinition d) {
        return bind(db.sql("update event set name = :name, description = :description, event_type = :eventType, "
                + "payload = cast(:payload as jsonb), priority = :priority, timeout_seconds = :timeout, is_async = :isAsync, "
                + "allow_duplicates = :allowDuplicates, is_enabled = :isEnabled, one_time = :oneTime, "
                + "schedule_after = :scheduleAfter, user_id = :userId, event_group_id = :eventGroupId, "
                + "retention_period = :retentionPeriod, error_retention = :errorRetention, updated = now() where id = :id"), d)
                .fetch().rowsUpdated();
    }

    Mono<Long> delete(UUID id) {
        return db.sql("delete from event where id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, EventDefinition d) {
        spec = spec.bind("id", d.id()).bind("name", d.name()).bind("eventType", d.eventType())
                .bind("priority", d.priority()).bind("isAsync", d.isAsync()).bind("allowDuplicates", d.allowDuplicates())
                .bind("isEnabled", d.isEnabled()).bind("oneTime", d.oneTime());
        spec = nullable(spec, "description", d.description(), String.class);
        spec = nullable(spec, "payload", d.payload() == null ? null : json.writeValueAsString(d.payload()), String.class);
        spec = nullable(spec, "timeout", d.timeout(), Integer.class);
        spec = nullable(spec, "scheduleAfter", d.scheduleAfter(), String.class);
        spec = nullable(spec, "userId", d.userId(), String.class);
        spec = nullable(spec, "eventGroupId", d.eventGroupId(), String.class);
        spec = nullable(spec, "retentionPeriod", d.retentionPeriod(), Integer.class);
        return nullable(spec, "errorRetention", d.errorRetention(), Integer.class);
    }

    static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
