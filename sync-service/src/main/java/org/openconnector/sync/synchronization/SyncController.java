package org.openconnector.sync.synchronization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** {@code /api/v1/synchronizations}: OpenConnector's Synchronization resource. */
@RestController
@RequestMapping("/api/v1/synchronizations")
@Tag(name = "Synchronizations", description = "Keep a source's objects in step with a target")
public class SyncController {

    private final SyncService service;

    public SyncController(SyncService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List synchronizations", description = "_page, _limit, _search (name/description), "
            + "_order[name|version|created|updated|sourceId|targetId], filters name, sourceId, targetId, sourceType, "
            + "targetType, version, sourceTargetMapping")
    public Mono<Page<ObjectNode>> list(ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), SyncRepository.SORTABLE,
                SyncRepository.LIST_COLUMNS.keySet());
        return service.list(query);
    }

    @PostMapping
    @Operation(summary = "Create a synchronization", description = "sourceId, targetId and mapping ids must exist (400 otherwise)")
    public Mono<ResponseEntity<ObjectNode>> create(@RequestBody JsonNode body) {
        return service.create(body).map(view ->
                ResponseEntity.created(URI.create("/api/v1/synchronizations/" + view.get("id").asString())).body(view));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a synchronization")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.find(id).map(Synchronization::view);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a synchronization")
    public Mono<ObjectNode> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return service.update(id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a synchronization", description = "Its contracts and logs go with it")
    public Mono<Void> delete(@PathVariable UUID id) {
        return service.delete(id);
    }
}
