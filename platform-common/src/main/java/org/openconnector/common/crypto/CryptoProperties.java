package org.openconnector.common.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Keys for secrets at rest ({@code openconnector.crypto.*}).
 *
 * @param activeKeyId the key id new values are encrypted with
 * @param keys        key id to base64 of 32 random bytes (AES-256); old ids stay to read old values
 */
@ConfigurationProperties("openconnector.crypto")
public record CryptoProperties(String activeKeyId, Map<String, String> keys) {
}
