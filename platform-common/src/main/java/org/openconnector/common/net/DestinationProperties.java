package org.openconnector.common.net;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where outbound calls (sources, webhooks, pings) may go ({@code openconnector.destinations.*}).
 * Cloud metadata and link-local addresses are always refused; private ranges and loopback only
 * when allowed here. The local platform allows loopback so it can be tried against local systems.
 */
@ConfigurationProperties("openconnector.destinations")
public record DestinationProperties(@DefaultValue("false") boolean allowPrivate,
                                    @DefaultValue("false") boolean allowLoopback) {
}
