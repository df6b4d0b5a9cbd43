package org.openconnector.connector.calllog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Call logs ({@code openconnector.call-logs.*}).
 *
 * @param bodyLimit    bodies are truncated to this size before they are stored (16 KiB)
 * @param retention    logs older than this are pruned (7 days)
 * @param pruneEvery   how often pruning runs (10 minutes)
 * @param buffer       logs waiting to be published; beyond it new logs are dropped (and counted), never the call slowed
 */
@ConfigurationProperties("openconnector.call-logs")
public record CallLogProperties(DataSize bodyLimit, Duration retention, Duration pruneEvery, Integer buffer) {

    public CallLogProperties {
        bodyLimit = bodyLimit != null ? bodyLimit : DataSize.ofKilobytes(16);
        retention = retention != null ? retention : Duration.ofDays(7);
        pruneEvery = pruneEvery != null ? pruneEvery : Duration.ofMinutes(10);
        buffer = buffer != null ? buffer : 10_000;
    }
}
