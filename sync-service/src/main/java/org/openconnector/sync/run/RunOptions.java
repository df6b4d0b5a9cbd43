package org.openconnector.sync.run;

/**
 * How a run was asked for: {@code trigger} "api" or "job"; a job's {@code jobRunId} is echoed on
 * {@code job.results}; {@code messageId} (the trigger's CloudEvent id) is marked processed in the
 * run's final transaction, so a redelivered trigger does not run twice.
 */
public record RunOptions(boolean test, boolean force, String trigger, String jobRunId, String messageId) {

    public static RunOptions api(boolean test, boolean force) {
        return new RunOptions(test, force, "api", null, null);
    }
}
