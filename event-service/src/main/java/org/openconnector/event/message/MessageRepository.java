package org.openconnector.event.message;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads deliveries with their attempts, and puts them back in line for replay. */
@Repository
class MessageRepository {

    static final Map<String, String> ORDER = Map.of("created", "created", "updated", "updated", "status", "status",
            "nextAttempt", "next_attempt", "lastAttempt", "last_attempt", "priority", "priority");
    private static final String COLUMNS = "id, event_id, subscription_id, cloud_event_id, event_type, status, attempts, "
            + "next_attempt, last_attempt, last_status_code, last_error, payload::text as payload_json, created, updated";

    private final DatabaseClient db;
    private final JsonMapper json;

    MessageRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Page<MessageView>> list(MessageFilter filter, PageQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(filter, binds);
        String order = query.order().isEmpty() ? "created desc, id" : query.order().entrySet().stream()
                .map(e -> ORDER.get(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")) + ", id";
        Mono<Long> total = bind(db.sql("select count(*) from event_message" + where), binds).map(r -> r.get(0, Long.class)).one();
        Mono<List<MessageView>> rows = bind(db.sql("select " + COLUMNS + " from event_message" + where + " order by " + order
                + " limit :limit offset :offset"), binds).bind("limit", query.limit()).bind("offset", query.offset())
                .fetch().all().collectList().flatMap(this::withAttempts);
        return Mono.zip(rows, total).map(t -> Page.of(t.getT1(), t.getT2(), query));
    }

    Mono<MessageView> find(UUID id) {
        return db.sql("select " + COLUMNS + " from event_message where id = :id").bind("id", id).fetch().all()
                .collectList().flatMap(this::withAttempts).flatMap(l -> l.isEmpty() ? Mono.empty() : Mono.just(l.get(0)));
    }

    /** Back to pending with a fresh attempt budget; refused (0 rows) while a replica is sending it. */
    Mono<Long> retry(UUID id) {
        return db.sql("update event_message set status = 'pending', attempts = 0, next_attempt = now(), updated = now() "
                + "where id = :id and (locked_until is null or locked_until < now())").bind("id", id).fetch().rowsUpdated();
    }

    Mono<Long> replay(MessageFilter filter) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(filter, binds) + (binds.isEmpty() ? " where " : " and ") + "(locked_until is null or locked_until < now())";
        return bind(db.sql("update event_message set status = 'pending', attempts = 0, next_attempt = now(), updated = now()" + where), binds)
                .fetch().rowsUpdated();
    }

    private Mono<List<MessageView>> withAttempts(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        UUID[] ids = rows.stream().map(r -> (UUID) r.get("id")).toArray(UUID[]::new);
        return db.sql("select * from event_message_attempt where message_id = any(:ids) order by id").bind("ids", ids)
                .fetch().all().collect(Collectors.groupingBy(r -> (UUID) r.get("message_id"),
                        Collectors.mapping(MessageView.Attempt::of, Collectors.toList())))
                .map(byMessage -> rows.stream().map(r -> MessageView.of(r, byMessage.getOrDefault((UUID) r.get("id"), List.of()), json)).toList());
    }

    /** Column names are constants; every value is bound. */
    private static String where(MessageFilter f, Map<String, Object> binds) {
        List<String> clauses = new ArrayList<>();
        add(clauses, binds, "subscription_id = :sub", "sub", f.subscriptionId());
        add(clauses, binds, "event_id = :event", "event", f.eventId());
        add(clauses, binds, "status = :status", "status", f.status());
        add(clauses, binds, "event_type = :type", "type", f.eventType());
        add(clauses, binds, "created >= :from", "from", f.from());
        add(clauses, binds, "created < :to", "to", f.to());
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static void add(List<String> clauses, Map<String, Object> binds, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            binds.put(name, value);
        }
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (var b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec;
    }
}
