package org.openconnector.event.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The circuit breaker per receiver ({@code openconnector.events.delivery.breaker.*}).
 *
 * @param enabled              whether receivers get a breaker at all
 * @param window               the last attempts the failure rate is computed over
 * @param minimumCalls         attempts needed before the rate counts (a new receiver is not judged on one failure)
 * @param failureRateThreshold percentage of failed attempts in the window that opens the breaker
 * @param openFor              how long an open breaker refuses sends; the claim leaves its subscription out this long
 * @param halfOpenCalls        trial sends after that; their failure rate decides whether it closes or opens again
 */
@ConfigurationProperties("openconnector.events.delivery.breaker")
public record BreakerProperties(@DefaultValue("true") boolean enabled,
                                @DefaultValue("20") int window,
                                @DefaultValue("10") int minimumCalls,
                                @DefaultValue("80") float failureRateThreshold,
                                @DefaultValue("60s") Duration openFor,
                                @DefaultValue("2") int halfOpenCalls) {
}
