package org.openconnector.connector.calllog;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import io.r2dbc.spi.Parameters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for {@code call_log}: batch insert, a source's logs newest first, pruning. */
@Repository
public class CallLogRepository {

    private static final String COLUMNS = "id, source_id, endpoint, url, method, status_code, request_headers, request_body, "
            + "response_headers, response_body, duration, error, created";

    private final DatabaseClient db;
    private final JsonMapper json;

    public CallLogRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insertAll(List<CallLog> logs) {
        if (logs.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder("insert into call_log (" + COLUMNS + ") values ");
        List<Object> values = new ArrayList<>(13 * logs.size());
        for (int i = 0; i < logs.size(); i++) {
            CallLog l = logs.get(i);
            int p = 13 * i;
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 1; c <= 13; c++) {
                boolean json = c >= 7 && c <= 10;
                sql.append(c == 1 ? "" : ", ").append(json ? "cast($" + (p + c) + " as jsonb)" : "$" + (p + c));
            }
            sql.append(')');
            add(values, l.id(), UUID.class);
            add(values, l.sourceId(), UUID.class);
            add(values, l.endpoint(), String.class);
            add(values, l.url(), String.class);
            add(values, l.method(), String.class);
            add(values, l.statusCode(), Integer.class);
            add(values, text(l.requestHeaders()), String.class);
            add(values, text(l.requestBody()), String.class);
            add(values, text(l.responseHeaders()), String.class);
            add(values, text(l.responseBody()), String.class);
            add(values, l.duration(), Long.class);
            add(values, l.error(), String.class);
            add(values, l.created(), Instant.class);
        }
        sql.append(" on conflict (id) do nothing");
        // all values in one bindValues: each bind/bindNull copies the spec's whole binding map (13 per log,
        // a page's worth of logs per statement), which was most of this insert's CPU
        return db.sql(sql.toString()).bindValues(values).then();
    }

    private static void add(List<Object> values, Object value, Class<?> type) {
        values.add(value != null ? value : Parameters.in(type));
    }

    /** A source's logs, newest first; {@code statusCode}, {@code method}, {@code date_from}/{@code date_to} (ISO instants). */
    public Mono<Page<CallLog>> list(UUID sourceId, PageQuery query, Integer statusCode, Instant from, Instant to) {
        List<String> where = new ArrayList<>(List.of("source_id = :source"));
        Map<String, Object> binds = new LinkedHashMap<>(Map.of("source", sourceId));
        if (statusCode != null) {
            where.add("status_code = :status");
            binds.put("status", statusCode);
        }
        if (query.filters().containsKey("method")) {
            where.add("method = :method");
            binds.put("method", query.filters().get("method").toUpperCase(java.util.Locale.ROOT));
        }
        if (from != null) {
            where.add("created >= :from");
            binds.put("from", from);
        }
        if (to != null) {
            where.add("created < :to");
            binds.put("to", to);
        }
        String w = " where " + String.join(" and ", where);
        var rows = db.sql("select * from call_log" + w + " order by created desc, id limit :limit offset :offset");
        var count = db.sql("select count(*) from call_log" + w);
        for (var b : binds.entrySet()) {
            rows = rows.bind(b.getKey(), b.getValue());
            count = count.bind(b.getKey(), b.getValue());
        }
        Mono<List<CallLog>> results = rows.bind("limit", query.limit()).bind("offset", query.offset()).fetch().all().map(this::read).collectList();
        Mono<Long> total = count.map(r -> r.get(0, Long.class)).one();
        return Mono.zip(results, total).map(t -> Page.of(t.getT1(), t.getT2(), query));
    }

    public Mono<Long> pruneBefore(Instant cutoff) {
        return db.sql("delete from call_log where created < :cutoff").bind("cutoff", cutoff).fetch().rowsUpdated();
    }

    private CallLog read(Map<String, Object> row) {
        Object created = row.get("created");
        return new CallLog((UUID) row.get("id"), (UUID) row.get("source_id"), (String) row.get("endpoint"), (String) row.get("url"),
                (String) row.get("method"), (Integer) row.get("status_code"), tree(row.get("request_headers")),
                tree(row.get("request_body")), tree(row.get("response_headers")), tree(row.get("response_body")),
                ((Number) row.get("duration")).longValue(), (String) row.get("error"),
                created instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) created);
    }

    private JsonNode tree(Object value) {
        return value instanceof io.r2dbc.postgresql.codec.Json j ? json.readTree(j.asString()) : null;
    }

    private String text(JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }
}
