package org.openconnector.common.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public API ({@code openconnector.api.*}).
 *
 * @param maxBodySize largest request body accepted before answering 413
 */
@ConfigurationProperties("openconnector.api")
public record ApiProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
