package org.openconnector.job.log;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Job logs, newest first: {@code GET /api/v1/job-logs} (filters {@code job}, {@code level},
 * {@code status}, {@code jobClass}, and {@code date_from}/{@code date_to} on {@code created}) and
 * {@code GET /api/v1/jobs/{id}/logs}.
 */
@RestController
class JobLogController {

    private static final Map<String, String> FIELDS = Map.of("job", "job_id", "level", "level", "status", "status",
            "jobClass", "job_class", "created", "created", "executionTime", "execution_time", "plannedAt", "planned_at");
    private static final Set<String> SORTABLE = Set.of("created", "executionTime", "plannedAt", "level");
    private static final Set<String> FILTERABLE = Set.of("job", "level", "status", "jobClass");

    private final DatabaseClient db;
    private final JsonMapper json;

    JobLogController(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @GetMapping("/api/v1/job-logs")
    Mono<Page<JobLogView>> list(ServerHttpRequest request) {
        return Mono.defer(() -> query(request.getQueryParams(), Map.of()));
    }

    @GetMapping("/api/v1/jobs/{id}/logs")
    Mono<Page<JobLogView>> forJob(@PathVariable String id, ServerHttpRequest request) {
        return Mono.defer(() -> {
            UUID job = parse(id);
            return db.sql("select 1 from job where id = :id").bind("id", job).fetch().one()
                    .switchIfEmpty(Mono.error(ApiException.notFound("Job", id)))
                    .then(query(request.getQueryParams(), Map.of("job", job.toString())));
        });
    }

    private Mono<Page<JobLogView>> query(MultiValueMap<String, String> params, Map<String, Object> fixed) {
        MultiValueMap<String, String> rest = new LinkedMultiValueMap<>(params);
        List<Violation> violations = new ArrayList<>();
        Instant from = instant(rest.remove("date_from"), "date_from", violations);
        Instant to = instant(rest.remove("date_to"), "date_to", violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        PageQuery query = PageQuery.parse(rest, SORTABLE, FILTERABLE);
        // The bounds are Instants we formatted ourselves, never the client's text, so inlining them is safe.
        String range = (from == null ? "" : " and created >= '" + from + "'") + (to == null ? "" : " and created <= '" + to + "'");
        PagedSql sql = new PagedSql("(select " + JobLogView.COLUMNS + " from job_log where true" + range + ") l",
                FIELDS, List.of("message"), "created desc, id");
        return sql.fetch(db, query, fixed, row -> JobLogView.of(row, json));
    }

    private static Instant instant(List<String> values, String name, List<Violation> violations) {
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        try {
            return Instant.parse(values.get(0));
        } catch (DateTimeParseException e) {
            violations.add(Violation.invalid(name, name + " must be an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Job", id);
        }
    }
}
