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
 *                         one window at a time with {@code writeConcurrency} objects in flight. Default 1: on the
 *                         busy 2-core bench machine two window transactions at once were not faster (same CPU,
 *                         more waiting in PostgreSQL); worth trying 2 where cores are idle
 * @param writeConcurrency target writes in flight per run
 * @param maxDeleteShare   deletions above this share of a synchronization's live contracts fail the run
 * @param lease            how long a run holds its synchronization before a killed run's claim expires;
 *                         a live run renews it while it runs
 * @param callTimeout      timeout of each call to connector-service and mapping-service
 */
@ConfigurationProperties("openconnector.sync")
public record SyncProperties(@DefaultValue("500") int window,
                             @DefaultValue("2") int lookahead,
                             @DefaultValue("1") int windowWrites,
                             @DefaultValue("8") int writeConcurrency,
                             @DefaultValue("0.5") double maxDeleteShare,
                             @DefaultValue("2m") Duration lease,
                             @DefaultValue("30s") Duration callTimeout) {
}
