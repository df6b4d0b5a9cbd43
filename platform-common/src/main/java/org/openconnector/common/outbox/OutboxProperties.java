package org.openconnector.common.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Outbox relay tuning ({@code openconnector.outbox.*}).
 *
 * @param enabled       whether this instance relays (every replica may; an advisory lock makes one do it at a time)
 * @param pollInterval  how often to look for unsent rows when the last batch was not full and no commit on
 *                      this replica signalled new ones (rows written by other replicas wait for this poll)
 * @param minGap        least pause between two cycles when the last batch was not full: commits arriving
 *                      within it are relayed together
 * @param retryBackoff  pause after a failed batch (broker down) before trying again
 * @param batchSize     rows relayed per transaction
 * @param sendTimeout   how long a batch may wait for broker acknowledgements
 * @param keepSent      keep relayed rows, marked with {@code sent_at}, instead of deleting them (for audit or
 *                      tests that read the outbox; costs PostgreSQL a new version of every row)
 */
@ConfigurationProperties("openconnector.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("200ms") Duration pollInterval,
                               @DefaultValue("5ms") Duration minGap,
                               @DefaultValue("2s") Duration retryBackoff,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("20s") Duration sendTimeout,
                               @DefaultValue("false") boolean keepSent) {
}
