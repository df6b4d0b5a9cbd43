package org.openconnector.job.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The clustered scheduler ({@code openconnector.jobs.scheduler.*}).
 *
 * @param enabled           whether this replica claims and runs due jobs
 * @param instanceId        this replica's name in claims; blank = host name plus a random suffix
 * @param pollInterval      pause between looks for due runs when the last batch was not full
 * @param claimAhead        runs due within this are claimed now and started at their planned time (more than
 *                          pollInterval plus a claim's duration, so runs start on time although polls are sparse)
 * @param batchSize         due runs claimed per transaction
 * @param maxConcurrentRuns runs executing at once on this replica; beyond it due runs wait for a free slot
 * @param leaseTimeout      how long a claim lives without a heartbeat before another replica takes it over
 * @param heartbeatInterval how often a replica renews the leases of its running runs (well under leaseTimeout)
 * @param maxAttempts       attempts of a run whose replica died; after the last one the run is marked failed
 * @param catchUpWindow     late planned runs within this window are still run; older missed slots fold into one run
 * @param pruneInterval     how often expired job logs are deleted
 * @param pruneBatchSize    job logs deleted per statement
 */
@ConfigurationProperties("openconnector.jobs.scheduler")
public record SchedulerProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("") String instanceId,
                                  @DefaultValue("250ms") Duration pollInterval,
                                  @DefaultValue("750ms") Duration claimAhead,
                                  @DefaultValue("200") int batchSize,
                                  @DefaultValue("256") int maxConcurrentRuns,
                                  @DefaultValue("30s") Duration leaseTimeout,
                                  @DefaultValue("5s") Duration heartbeatInterval,
                                  @DefaultValue("2") int maxAttempts,
                                  @DefaultValue("60s") Duration catchUpWindow,
                                  @DefaultValue("60s") Duration pruneInterval,
                                  @DefaultValue("1000") int pruneBatchSize) {

    public SchedulerProperties withInstanceId(String id) {
        return new SchedulerProperties(enabled, id, pollInterval, claimAhead, batchSize, maxConcurrentRuns, leaseTimeout,
                heartbeatInterval, maxAttempts, catchUpWindow, pruneInterval, pruneBatchSize);
    }
}
