package org.openconnector.connector.calllog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.connector.source.SourceService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/** {@code GET /api/v1/sources/{id}/logs}: a source's call logs, newest first. */
@RestController
@Tag(name = "Sources")
public class CallLogController {

    private static final Set<String> FILTERS = Set.of("statusCode", "method", "date_from", "date_to");

    private final CallLogRepository repository;
    private final SourceService sources;

    public CallLogController(CallLogRepository repository, SourceService sources) {
        this.repository = repository;
        this.sources = sources;
    }

    @GetMapping("/api/v1/sources/{id}/logs")
    @Operation(summary = "A source's call logs", description = "Newest first; filters statusCode, method, date_from, date_to (ISO-8601 instants)")
    public Mono<Page<CallLog>> logs(@PathVariable UUID id, ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), Set.of(), FILTERS);
        Integer status = statusCode(query.filters().get("statusCode"));
        Instant from = instant("date_from", query.filters().get("date_from"));
        Instant to = instant("date_to", query.filters().get("date_to"));
        return sources.find(id).then(repository.list(id, query, status, from, to));
    }

    private static Integer statusCode(String value) {
        if (value == null) {
            return null;
        }
        try {
            int code = Integer.parseInt(value);
            if (code >= 100 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation("statusCode", "statusCode must be an HTTP status between 100 and 599 (got '" + value + "')");
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z (got '" + value + "')");
        }
    }
}
