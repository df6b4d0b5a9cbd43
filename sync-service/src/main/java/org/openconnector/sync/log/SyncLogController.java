package org.openconnector.sync.log;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.sync.synchronization.SyncService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.UUID;

/** {@code GET /api/v1/synchronizations/{id}/logs}: one log per run, newest first. */
@RestController
@Tag(name = "Synchronizations")
public class SyncLogController {

    private static final Set<String> STATUSES = Set.of("running", "success", "failed");

    private final SyncService syncs;
    private final SyncLogRepository logs;

    public SyncLogController(SyncService syncs, SyncLogRepository logs) {
        this.syncs = syncs;
        this.logs = logs;
    }

    @GetMapping("/api/v1/synchronizations/{id}/logs")
    @Operation(summary = "List a synchronization's run logs", description = "_page, _limit, _order[started|finished|status], "
            + "filters status (running|success|failed), trigger (api|job), test, force, jobRunId")
    public Mono<Page<ObjectNode>> list(@PathVariable UUID id, ServerWebExchange exchange) {
        PageQuery query = PageQuery.parse(exchange.getRequest().getQueryParams(), SyncLogRepository.SORTABLE, SyncLogRepository.FILTERABLE);
        String status = query.filters().get("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.validation("status", "status must be one of " + STATUSES + " (got '" + status + "')");
        }
        for (String flag : new String[] {"test", "force"}) {
            String v = query.filters().get(flag);
            if (v != null && !v.equals("true") && !v.equals("false")) {
                throw ApiException.validation(flag, flag + " must be true or false (got '" + v + "')");
            }
        }
        return syncs.find(id).then(logs.list(id, query)).map(p -> p.map(SyncLog::view));
    }
}
