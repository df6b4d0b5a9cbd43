package org.openconnector.sync.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ApiException;
import org.openconnector.sync.log.SyncLog;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** {@code POST /api/v1/synchronizations/{id}/run}: runs a synchronization now and answers its log. */
@RestController
@Tag(name = "Synchronizations")
public class RunController {

    private final RunService runs;

    public RunController(RunService runs) {
        this.runs = runs;
    }

    @PostMapping("/api/v1/synchronizations/{id}/run")
    @Operation(summary = "Run a synchronization now", description = "?test=true reads, hashes, checks and maps but writes "
            + "nothing (no target writes, no contracts); ?force=true ignores hashes. Answers the run's log (status success|failed); "
            + "409 when a run of it is in progress")
    public Mono<ObjectNode> run(@PathVariable UUID id, @RequestParam(required = false) String test,
                                @RequestParam(required = false) String force) {
        Mono<SyncLog> run = runs.run(id, RunOptions.api(flag("test", test), flag("force", force))).cache();
        // the run goes on when the caller hangs up: a run cut off by a client's timeout would hold its claim until the lease expires
        run.subscribe(done -> { }, e -> { });
        return run.map(SyncLog::view);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.validation(name, name + " must be true or false (got '" + value + "')");
    }
}
