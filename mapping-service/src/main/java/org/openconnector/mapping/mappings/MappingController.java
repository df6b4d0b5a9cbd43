package org.openconnector.mapping.mappings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
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
import java.util.UUID;

/** {@code /api/v1/mappings}: OpenConnector's Mapping resource. Definitions are compiled before they are saved. */
@RestController
@RequestMapping("/api/v1/mappings")
@Tag(name = "Mappings", description = "Transformation recipes (paths, Twig templates, casts)")
public class MappingController {

    private final MappingService service;
    private final MappingTester tester;

    public MappingController(MappingService service, MappingTester tester) {
        this.service = service;
        this.tester = tester;
    }

    @PostMapping("/test")
    @Operation(summary = "Run a mapping on sample data", description = "{mapping, data} -> {success, message, data}; "
            + "{inputObject, mapping} -> {resultObject, isValid, validationErrors}. mapping: inline Mapping or stored id")
    public Mono<ObjectNode> test(@RequestBody JsonNode body) {
        return tester.test(body);
    }

    @GetMapping
    @Operation(summary = "List mappings", description = "_page, _limit, _search (name/description), "
            + "_order[name|version|dateCreated|dateModified], filters name, reference, version, passThrough")
    public Mono<Page<ObjectNode>> list(ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), MappingRepository.SORTABLE, MappingRepository.FILTERABLE);
        String pass = query.filters().get("passThrough");
        if (pass != null && !pass.equals("true") && !pass.equals("false")) {
            throw ApiException.validation("passThrough", "passThrough must be true or false (got '" + pass + "')");
        }
        return service.list(query);
    }

    @PostMapping
    @Operation(summary = "Create a mapping", description = "400 with a violation per bad template or unknown cast")
    public Mono<ResponseEntity<ObjectNode>> create(@RequestBody JsonNode body) {
        return service.create(service.parse(body)).map(view ->
                ResponseEntity.created(URI.create("/api/v1/mappings/" + view.get("id").asString())).body(view));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a mapping")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.find(id).map(StoredMapping::view);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a mapping")
    public Mono<ObjectNode> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return service.update(id, service.parse(body));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a mapping")
    public Mono<Void> delete(@PathVariable UUID id) {
        return service.delete(id);
    }
}
