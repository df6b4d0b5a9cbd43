package org.openconnector.common.web;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a {@link PageQuery} against one table: filters become bound equality predicates,
 * {@code _search} an ILIKE over the given text columns, {@code _order} an ORDER BY. Column names
 * come only from the {@code columns} map (API field to SQL column), never from the request, so
 * nothing a client sends is spliced into SQL.
 *
 * @param table       table name (in the service's schema, found by search_path)
 * @param columns     API field name to SQL column (or expression), for filters and ordering
 * @param searchable  SQL columns searched by {@code _search}
 * @param defaultSort ORDER BY used when the query has none, e.g. {@code "created desc, id"}
 */
public record PagedSql(String table, Map<String, String> columns, List<String> searchable, String defaultSort) {

    /** Runs the query; {@code rowMapper} reads one row (as a column map) into a view. */
    public <T> Mono<Page<T>> fetch(DatabaseClient db, PageQuery query, Map<String, Object> fixedFilters,
                                   Function<Map<String, Object>, T> rowMapper) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        Map<String, Object> all = new LinkedHashMap<>(fixedFilters);
        all.putAll(query.filters());
        int i = 0;
        for (var filter : all.entrySet()) {
            String column = columns.getOrDefault(filter.getKey(), filter.getKey());
            String param = "f" + i++;
            where.add("cast(" + column + " as text) = :" + param);
            binds.put(param, String.valueOf(filter.getValue()));
        }
        if (query.search() != null && !searchable.isEmpty()) {
            where.add("(" + String.join(" or ", searchable.stream().map(c -> "cast(" + c + " as text) ilike :search").toList()) + ")");
            binds.put("search", "%" + query.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        String orderSql = query.order().isEmpty() ? defaultSort : String.join(", ",
                query.order().entrySet().stream().map(e -> columns.get(e.getKey()) + " " + e.getValue()).toList());
        String sql = "select * from " + table + whereSql + " order by " + orderSql + " limit :limit offset :offset";
        String countSql = "select count(*) from " + table + whereSql;

        Mono<Long> total = bindAll(db.sql(countSql), binds).map(row -> row.get(0, Long.class)).one();
        Mono<List<T>> rows = bindAll(db.sql(sql), binds).bind("limit", query.limit()).bind("offset", query.offset())
                .fetch().all().map(rowMapper).collectList();
        return Mono.zip(rows, total).map(t -> Page.of(t.getT1(), t.getT2(), query));
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (var b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec;
    }
}
