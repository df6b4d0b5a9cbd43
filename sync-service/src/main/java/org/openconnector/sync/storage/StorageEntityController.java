package org.openconnector.sync.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/storages/{identifier}/entities}: list (filter {@code key}, {@code _search}), get/put/delete by key, NDJSON export. */
@RestController
@RequestMapping("/api/v1/storages/{identifier}/entities")
@Tag(name = "Storages")
public class StorageEntityController {

    private static final int MAX_KEY = 255;

    private final StorageRepository storages;

    public StorageEntityController(StorageRepository storages) {
        this.storages = storages;
    }

    @GetMapping
    @Operation(summary = "List a storage's entities", description = "_page, _limit, _search (key and value text), _order[key|created|updated], filter key")
    public Mono<Page<ObjectNode>> list(@PathVariable String identifier, ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), StorageRepository.ENTITY_SORT, StorageRepository.ENTITY_FILTERS);
        return storage(identifier).then(storages.entities(identifier, query));
    }

    @GetMapping(value = "/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(summary = "Export every entity as NDJSON ({key, value, created, updated} per line), streamed")
    public Flux<ObjectNode> export(@PathVariable String identifier) {
        return storage(identifier).thenMany(storages.export(identifier));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Get an entity")
    public Mono<ObjectNode> get(@PathVariable String identifier, @PathVariable String key) {
        return storage(identifier).then(storages.entity(identifier, key))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Entity", key)));
    }

    @PutMapping("/{key}")
    @Operation(summary = "Put an entity (any JSON value)", description = "Creates or replaces; answers the entity")
    public Mono<ObjectNode> put(@PathVariable String identifier, @PathVariable String key, @RequestBody JsonNode value) {
        if (key.length() > MAX_KEY) {
            throw ApiException.validation("key", "key must be at most " + MAX_KEY + " characters");
        }
        return storage(identifier).then(storages.put(identifier, key, value))
                // false: the storage was deleted between the check and the write
                .flatMap(written -> written ? storages.entity(identifier, key) : Mono.error(ApiException.notFound("Storage", identifier)));
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an entity")
    public Mono<Void> delete(@PathVariable String identifier, @PathVariable String key) {
        return storage(identifier).then(storages.deleteEntity(identifier, key))
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("Entity", key)) : Mono.empty());
    }

    private Mono<ObjectNode> storage(String identifier) {
        return storages.find(identifier).switchIfEmpty(Mono.error(() -> ApiException.notFound("Storage", identifier)));
    }
}
