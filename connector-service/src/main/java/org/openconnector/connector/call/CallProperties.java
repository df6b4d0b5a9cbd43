package org.openconnector.connector.call;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Outbound call defaults ({@code openconnector.calls.*}); a source's {@code configuration} may set
 * {@code connect_timeout} and {@code timeout} (seconds, Guzzle's names) for itself.
 *
 * @param connectTimeout    TCP connect limit
 * @param responseTimeout   limit for the response to arrive once the request is sent
 * @param maxConnections    size of the one shared connection pool
 * @param maxRetries        extra attempts for idempotent methods on connect errors, 429, 502, 503, 504
 * @param retryBackoff      first backoff; doubles per attempt, with jitter
 * @param maxRedirects      redirects followed, each checked by the destination policy
 * @param maxResponseSize   largest response body read into memory
 * @param breakerFailureRate percentage of failed calls (5xx, connect errors, timeouts) that opens a source's breaker
 * @param breakerMinCalls   calls in the window before the rate counts
 * @param breakerOpenFor    how long an open breaker refuses calls before probing again
 */
@ConfigurationProperties("openconnector.calls")
public record CallProperties(Duration connectTimeout, Duration responseTimeout, Integer maxConnections, Integer maxRetries,
                             Duration retryBackoff, Integer maxRedirects, DataSize maxResponseSize,
                             Integer breakerFailureRate, Integer breakerMinCalls, Duration breakerOpenFor) {

    public CallProperties {
        connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(5);
        responseTimeout = responseTimeout != null ? responseTimeout : Duration.ofSeconds(30);
        maxConnections = maxConnections != null ? maxConnections : 200;
        maxRetries = maxRetries != null ? maxRetries : 2;
        retryBackoff = retryBackoff != null ? retryBackoff : Duration.ofMillis(200);
        maxRedirects = maxRedirects != null ? maxRedirects : 5;
        maxResponseSize = maxResponseSize != null ? maxResponseSize : DataSize.ofMegabytes(16);
        breakerFailureRate = breakerFailureRate != null ? breakerFailureRate : 50;
        breakerMinCalls = breakerMinCalls != null ? breakerMinCalls : 10;
        breakerOpenFor = breakerOpenFor != null ? breakerOpenFor : Duration.ofSeconds(30);
    }
}
