package org.openconnector.job.action;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Base URLs of the other services this one calls ({@code openconnector.services.*}, shared configuration). */
@ConfigurationProperties("openconnector.services")
public record ServiceUrls(@DefaultValue("http://localhost:8081") String connector) {
}
