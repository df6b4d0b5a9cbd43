package org.openconnector.common.events;

/** The Kafka topics of the platform. Names are part of the public contract for Kafka subscribers. */
public final class Topics {

    /** Every service's domain events, CloudEvents in structured JSON, key = subject id. */
    public static final String PLATFORM_EVENTS = "platform.events";
    /** Requests to run a synchronization, key = synchronization id (job-service to sync-service). */
    public static final String SYNC_TRIGGERS = "sync.triggers";
    /** Outcome of a synchronization run started by a job (sync-service to job-service). */
    public static final String JOB_RESULTS = "job.results";
    /** Outbound call logs, persisted in batches by connector-service. */
    public static final String CALL_LOGS = "connector.call-logs";

    private Topics() {
    }
}
