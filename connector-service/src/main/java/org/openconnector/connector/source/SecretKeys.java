package org.openconnector.connector.source;

import java.util.List;
import java.util.Locale;

/**
 * Which keys inside {@code authenticationConfig} and {@code configuration} hold secrets. Matching
 * is on the key's ending after lower-casing and dropping {@code - _ .}, so {@code client_secret},
 * {@code access_token}, {@code x-api-key}, {@code private_key} and the dotted OpenConnector form
 * {@code headers.Authorization} all count, while {@code tokenUrl} or {@code tokenLocation} do not.
 */
public final class SecretKeys {

    private static final List<String> ENDINGS = List.of("secret", "password", "passwd", "token", "apikey",
            "privatekey", "authorization", "passphrase", "assertion", "cookie", "credential", "credentials");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return ENDINGS.stream().anyMatch(k::endsWith);
    }
}
