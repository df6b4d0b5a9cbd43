package org.openconnector.connector.source;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/sources}: OpenConnector's Source resource. Secrets are never returned in clear. */
@RestController
@RequestMapping("/api/v1/sources")
@Tag(name = "Sources", description = "External systems the platform calls")
public class SourceController {

    private static final Set<String> FILTERABLE = Set.of("name", "type", "isEnabled", "auth", "location", "reference", "version");

    private final SourceService service;

    public SourceController(SourceService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List sources", description = "_page, _limit, _search (name/description/location), "
            + "_order[name|type|isEnabled|location|version|created|updated], filters " + "name, type, isEnabled, auth, location, reference, version")
    public Mono<Page<ObjectNode>> list(ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), new HashSet<>(SourceRepository.sortable()), FILTERABLE);
        checkFilterValues(query);
        return service.list(query);
    }

    @PostMapping
    @Operation(summary = "Create a source")
    public Mono<ResponseEntity<ObjectNode>> create(@RequestBody JsonNode body) {
        SourceDraft draft = SourceRequestParser.parse(body);
        return service.create(draft).map(view -> ResponseEntity.created(URI.create("/api/v1/sources/" + view.get("id").asString()))
                .body(view));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a source")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a source", description = "Secrets omitted or sent back as \"********\" keep their stored value; \"\" clears one")
    public Mono<ObjectNode> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return service.update(id, SourceRequestParser.parse(body));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a source")
    public Mono<Void> delete(@PathVariable UUID id) {
        return service.delete(id);
    }

    /** Filters on enum and boolean fields must name a possible value, or the list is silently empty. */
    private static void checkFilterValues(PageQuery query) {
        List<Violation> violations = new ArrayList<>();
        query.filters().forEach((key, value) -> {
            SourceField field = SourceField.byJson(key);
            if (field.kind() == SourceField.Kind.ENUM && !field.allowed().contains(value)) {
                violations.add(Violation.invalid(key, key + " must be one of " + field.allowed() + " (got '" + value + "')"));
            } else if (field.kind() == SourceField.Kind.BOOLEAN && !value.equals("true") && !value.equals("false")) {
                violations.add(Violation.invalid(key, key + " must be true or false (got '" + value + "')"));
            }
        });
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
    }
}
