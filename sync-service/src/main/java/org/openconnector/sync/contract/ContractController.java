package org.openconnector.sync.contract;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.sync.synchronization.SyncService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** {@code GET /api/v1/synchronizations/{id}/contracts}: one contract per source object. */
@RestController
@Tag(name = "Synchronizations")
public class ContractController {

    private final SyncService syncs;
    private final ContractRepository contracts;

    public ContractController(SyncService syncs, ContractRepository contracts) {
        this.syncs = syncs;
        this.contracts = contracts;
    }

    @GetMapping("/api/v1/synchronizations/{id}/contracts")
    @Operation(summary = "List a synchronization's contracts", description = "_page, _limit, _search (originId/targetId), "
            + "_order[originId|targetId|created|updated|sourceLastChanged|sourceLastChecked], filters originId, targetId, targetLastAction")
    public Mono<Page<ObjectNode>> list(@PathVariable UUID id, ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), ContractRepository.SORTABLE, ContractRepository.FILTERABLE);
        return syncs.find(id).then(contracts.list(id, query)).map(p -> p.map(Contract::view));
    }
}
