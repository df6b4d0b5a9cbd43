package org.openconnector.sync.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of a run ({@code openconnector.sync.*}).
 *
 * @param window           objects looked up together (one read-only contract query per window) and, for a
 *                         storage target, written in one transaction
 * @param lookahead        windows looked up and decided at once: while one window is written, the next ones
 *                         are read, hashed, looked up and mapped (1 = no overlap)
 * @param windowWrites     storage-target windows written (each one transaction) at once; API targets write
 *                         one window at a time with {@code writeConcurrency} objects in flight. Default 2: one
 *                         window's transaction (ten statements in a row) was the pipeline's critical path, and
 *                         on a quiet 2-core machine two at once made the first run of 100,000 objects 10-15 %
 *                         faster (docs/benchmarks.md); on a machine already saturated they were not faster
 * @param writeConcurrency target writes in flight per run
 * @param maxDeleteShare   deletions above this share of a synchronization's live contracts fail the run
 * @param lease            how long a run holds its synchronization before a killed run's claim expires;
 *                         a live run renews it while it runs
 * @param callTimeout      timeout of each call to connector-service and mapping-service
 */
@ConfigurationProperties("openconnector.sync")
public record SyncProperties(@DefaultValue("500") int window,
                             @DefaultValue("2") int lookahead,
                             @DefaultValue("2") int windowWrites,
                             @DefaultValue("8") int writeConcurrency,
                             @DefaultValue("0.5") double maxDeleteShare,
                             @DefaultValue("2m") Duration lease,
                             @DefaultValue("30s") Duration callTimeout) {
}
