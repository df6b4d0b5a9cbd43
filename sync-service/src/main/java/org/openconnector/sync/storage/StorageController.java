package org.openconnector.sync.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.sync.synchronization.SyncService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/v1/storages}: named key/value storages; a synchronization with {@code targetType: storage} writes into one. */
@RestController
@RequestMapping("/api/v1/storages")
@Tag(name = "Storages", description = "Named key/value stores (a synchronization target, or on their own)")
public class StorageController {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> FIELDS = Set.of("identifier", "name", "description");

    private final StorageRepository storages;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    public StorageController(StorageRepository storages, OutboxWriter outbox, ReactiveTransactionManager txm) {
        this.storages = storages;
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(txm);
    }

    @GetMapping
    @Operation(summary = "List storages", description = "_page, _limit, _search, _order[identifier|name|created|updated], filters identifier, name")
    public Mono<Page<ObjectNode>> list(ServerWebExchange exchange) {
        return storages.list(PageQuery.parse(exchange.getRequest().getQueryParams(), StorageRepository.STORAGE_FIELDS,
                Set.of("identifier", "name")));
    }

    @PostMapping
    @Operation(summary = "Create a storage", description = "{identifier (a-z, 0-9, _ and -, at most 64), name, description}; 409 when it exists")
    public Mono<ResponseEntity<ObjectNode>> create(@RequestBody JsonNode body) {
        List<Violation> v = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new Violation("$", "The body must be a JSON object", "type")));
        }
        body.properties().forEach(e -> {
            if (!FIELDS.contains(e.getKey())) {
                v.add(new Violation(e.getKey(), "Unknown field '" + e.getKey() + "'", "unknown-field"));
            } else if (!e.getValue().isNull() && (!e.getValue().isString() || e.getValue().stringValue().length() > 1000)) {
                v.add(new Violation(e.getKey(), e.getKey() + " must be a string of at most 1000 characters", "type"));
            }
        });
        String identifier = body.path("identifier").asString(null);
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            v.add(Violation.invalid("identifier", "identifier is required: a-z, 0-9, _ and -, at most 64 characters"));
        }
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        String name = body.path("name").asString(null);
        String description = body.path("description").asString(null);
        return storages.insert(identifier, name, description)
                .flatMap(n -> n == 0 ? Mono.error(ApiException.conflict("Storage " + identifier + " already exists"))
                        : storages.find(identifier))
                .flatMap(view -> publish("created", identifier, view).thenReturn(view))
                .as(tx::transactional)
                .map(view -> ResponseEntity.created(URI.create("/api/v1/storages/" + identifier)).body(view));
    }

    @GetMapping("/{identifier}")
    @Operation(summary = "Get a storage")
    public Mono<ObjectNode> get(@PathVariable String identifier) {
        return storages.find(identifier).switchIfEmpty(Mono.error(() -> ApiException.notFound("Storage", identifier)));
    }

    @DeleteMapping("/{identifier}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a storage and its entities")
    public Mono<Void> delete(@PathVariable String identifier) {
        return storages.find(identifier).switchIfEmpty(Mono.error(() -> ApiException.notFound("Storage", identifier)))
                .flatMap(view -> storages.delete(identifier).then(publish("deleted", identifier, view)))
                .as(tx::transactional);
    }

    private Mono<Void> publish(String verb, String identifier, JsonNode data) {
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(SyncService.EVENT_SOURCE, "org.openconnector.storage." + verb,
                identifier, data));
    }
}
