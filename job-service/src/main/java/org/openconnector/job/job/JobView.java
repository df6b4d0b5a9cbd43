package org.openconnector.job.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** A job as the API shows it: every field of OpenConnector's Job schema, plus {@code cron}. */
public record JobView(String id, String uuid, String name, String description, String jobClass, JsonNode arguments,
                      int interval, String cron, int executionTime, boolean timeSensitive, boolean allowParallelRuns,
                      @JsonProperty("isEnabled") boolean isEnabled, boolean singleRun, Instant scheduleAfter,
                      String userId, String jobListId, int logRetention, int errorRetention, Instant lastRun,
                      Instant nextRun, Instant created, Instant updated, String version) {
}
