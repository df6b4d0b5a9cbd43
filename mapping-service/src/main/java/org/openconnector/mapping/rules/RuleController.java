package org.openconnector.mapping.rules;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/rules}: the seed's Rule resource (endpoint and synchronization plug-in steps). */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Rules", description = "Plug-in steps with JSON Logic conditions")
public class RuleController {

    private static final Map<String, Set<String>> ENUM_FILTERS = Map.of("action", RuleRequestParser.ACTIONS,
            "timing", RuleRequestParser.TIMINGS, "type", RuleRequestParser.TYPES);

    private final RuleService service;

    RuleController(RuleService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List rules", description = "_page, _limit, _search (name/description), "
            + "_order[name|type|order|created|updated], filters name, action, timing, type")
    public Mono<Page<ObjectNode>> list(ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), RuleRepository.SORTABLE, RuleRepository.FILTERABLE);
        List<Violation> violations = new ArrayList<>();
        query.filters().forEach((key, value) -> {
            Set<String> allowed = ENUM_FILTERS.get(key);
            if (allowed != null && !allowed.contains(value)) {
                violations.add(Violation.invalid(key, key + " must be one of " + allowed.stream().sorted().toList() + " (got '" + value + "')"));
            }
        });
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return service.list(query);
    }

    @PostMapping
    @Operation(summary = "Create a rule")
    public Mono<ResponseEntity<ObjectNode>> create(@RequestBody JsonNode body) {
        return service.create(RuleRequestParser.parse(body)).map(view ->
                ResponseEntity.created(URI.create("/api/v1/rules/" + view.get("id").asString())).body(view));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a rule")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a rule")
    public Mono<ObjectNode> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return service.update(id, RuleRequestParser.parse(body));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rule")
    public Mono<Void> delete(@PathVariable UUID id) {
        return service.delete(id);
    }
}
