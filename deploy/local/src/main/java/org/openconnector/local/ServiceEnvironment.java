package org.openconnector.local;

import org.openconnector.local.crypto.LocalKey;
import org.openconnector.local.services.ServiceSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * Environment every service gets on top of the launcher's own (which it inherits, so any Spring
 * property can still be set from the shell). Names are those read by platform-common's
 * {@code openconnector-service.yml}.
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    static Map<String, String> of(Settings s, String localKey, Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_HOST", s.dbHost());
        env.put("DATABASE_PORT", Integer.toString(s.dbPort()));
        env.put("DATABASE_NAME", s.dbName());
        env.put("DATABASE_USER", s.dbUser());
        env.put("DATABASE_PASSWORD", s.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
        for (ServiceSpec spec : s.services()) {
            env.put(spec.urlEnv(), spec.baseUrl());
        }
        // Keys given by the user (e.g. with external infrastructure) win over the generated local key.
        // OPENCONNECTOR_CRYPTO_KEYS_LOCAL binds to openconnector.crypto.keys.local (relaxed binding
        // lower-cases map keys taken from environment variables, and our id is lower case).
        if (isBlank(inherited.get("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID"))) {
            env.put("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", LocalKey.KEY_ID);
            env.put("OPENCONNECTOR_CRYPTO_KEYS_" + LocalKey.KEY_ID.toUpperCase(), localKey);
        }
        // The local platform is for trying things against systems on this machine.
        env.putIfAbsent("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS",
                inherited.getOrDefault("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true"));
        return env;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
