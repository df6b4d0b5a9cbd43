package org.openconnector.sync.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Base URLs of the neighbours sync-service calls internally ({@code openconnector.services.*}, shared file). */
@ConfigurationProperties("openconnector.services")
public record ServiceUrls(@DefaultValue("http://localhost:8081") String connector,
                          @DefaultValue("http://localhost:8082") String mapping) {
}
