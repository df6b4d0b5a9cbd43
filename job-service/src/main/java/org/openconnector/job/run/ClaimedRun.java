package org.openconnector.job.run;

import org.openconnector.job.action.RunContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A run this replica holds the claim of: what to execute and which claim may complete it
 * ({@code instanceId} + {@code attempt}, so a replica whose claim was taken over cannot finish it).
 */
public record ClaimedRun(UUID id, UUID jobId, String jobClass, JsonNode arguments, Duration executionTime,
                         Instant plannedAt, boolean forced, String instanceId, int attempt) {

    public RunContext context() {
        return new RunContext(id, jobId, arguments, executionTime, forced, attempt);
    }
}
