package org.openconnector.job.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A job as clients create or replace it (OpenConnector's Job schema). Server-kept fields
 * ({@code id}, {@code uuid}, {@code lastRun}, {@code nextRun}, {@code created}, {@code updated}) are
 * accepted so a fetched job can be sent back unchanged, and ignored.
 */
public record JobRequest(
        String id,
        String uuid,
        @NotBlank @Size(max = 255) String name,
        @Size(max = 10_000) String description,
        @NotBlank @Size(max = 255) String jobClass,
        JsonNode arguments,
        @Min(1) @Max(31_536_000) Integer interval,
        @Size(max = 120) String cron,
        @Min(1) @Max(86_400) Integer executionTime,
        Boolean timeSensitive,
        Boolean allowParallelRuns,
        @JsonProperty("isEnabled") Boolean isEnabled,
        Boolean singleRun,
        Instant scheduleAfter,
        @Size(max = 255) String userId,
        @Size(max = 255) String jobListId,
        @Min(0) @Max(315_360_000) Integer logRetention,
        @Min(0) @Max(315_360_000) Integer errorRetention,
        Instant lastRun,
        Instant nextRun,
        Instant created,
        Instant updated,
        @Size(max = 50) String version) {

    static final int DEFAULT_INTERVAL = 3600;
    static final int DEFAULT_EXECUTION_TIME = 3600;
    static final int DEFAULT_LOG_RETENTION = 3600;
    static final int DEFAULT_ERROR_RETENTION = 86_400;

    Schedule schedule() {
        String c = cron == null || cron.isBlank() ? null : cron.trim();
        return new Schedule(interval == null ? DEFAULT_INTERVAL : interval, c);
    }

    boolean enabled() {
        return isEnabled == null || isEnabled;
    }
}
