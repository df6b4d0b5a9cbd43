package org.openconnector.event.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery tuning ({@code openconnector.events.delivery.*}).
 *
 * @param enabled             whether this replica sends (all may; claims are row leases)
 * @param retrySchedule       pause before each retry; attempts = its size + 1, then the message is failed
 * @param jitter              +/- share of randomness on each pause so retries of many messages spread out
 * @param maxRetryAfter       cap on a receiver's Retry-After
 * @param defaultTimeout      request timeout when the event definition sets none
 * @param maxConcurrency      deliveries in flight on this replica
 * @param perSubscription     deliveries in flight per subscription (from lease to written outcome) over all
 *                            replicas, so one slow receiver can hold at most this many slots; 16 rather than 8:
 *                            at 200 deliveries/s to one receiver a slot is held ~40-80 ms on a busy 2-core machine,
 *                            and 8 slots fell back to the slower claim path (docs/benchmarks.md)
 * @param batchSize           messages claimed per poll
 * @param pollInterval        how often to look for due messages when idle
 * @param responseExcerpt     bytes of a receiver's answer kept per attempt
 * @param disableAfter        a subscription failing continuously this long is disabled
 * @param secretOverlap       how long a rotated-out secret keeps signing next to the new one
 * @param pruneInterval       how often retention is applied
 * @param outcomeBatchSize    outcomes written per transaction at most (group commit)
 * @param outcomeWindow       how long a finished send waits at most for others to share its transaction
 * @param publishDelivered    whether each successful delivery also publishes
 *                            {@code org.openconnector.event.message.delivered} (failed ones always publish)
 * @param claimGap          least time between the end of one claim and the start of the next: under load every
 *                            finished send wakes the claimer, and back-to-back claims kept one PostgreSQL backend busy
 *                            scanning leases; a short gap lets one claim fill the slots many sends freed
 * @param leaseMargin         added to the request timeout for a claim's lease: a replica that dies mid-send or
 *                            before its outcome is written leaves the message to others after timeout + this
 */
@ConfigurationProperties("openconnector.events.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
                                 @DefaultValue("0.2") double jitter,
                                 @DefaultValue("1d") Duration maxRetryAfter,
                                 @DefaultValue("30s") Duration defaultTimeout,
                                 @DefaultValue("128") int maxConcurrency,
                                 @DefaultValue("16") int perSubscription,
                                 @DefaultValue("200") int batchSize,
                                 @DefaultValue("250ms") Duration pollInterval,
                                 @DefaultValue("1024") int responseExcerpt,
                                 @DefaultValue("5d") Duration disableAfter,
                                 @DefaultValue("24h") Duration secretOverlap,
                                 @DefaultValue("1h") Duration pruneInterval,
                                 @DefaultValue("200") int outcomeBatchSize,
                                 @DefaultValue("2ms") Duration outcomeWindow,
                                 @DefaultValue("true") boolean publishDelivered,
                                 @DefaultValue("30s") Duration leaseMargin,
                                 @DefaultValue("5ms") Duration claimGap) {

    public int maxAttempts() {
        return retrySchedule.size() + 1;
    }
}
