package org.openconnector.job.action;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

/**
 * One run as a job class sees it.
 *
 * @param runId         the run's id (also its job log id and the {@code jobRunId} of messages)
 * @param jobId         the job
 * @param arguments     the job's arguments (an object)
 * @param executionTime the run's time limit
 * @param forced        run by hand with {@code force=true}
 * @param attempt       1 for a first attempt, higher when a run was taken over from a dead replica
 */
public record RunContext(UUID runId, UUID jobId, JsonNode arguments, Duration executionTime, boolean forced, int attempt) {
}
