package org.openconnector.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.openconnector.common.crypto.CryptoProperties;
import org.openconnector.common.crypto.SecretCipher;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encryption keys reach the services the way README documents: the Secret
 * openconnector-crypto-keys holds OPENCONNECTOR_CRYPTO_KEYS_&lt;ID&gt; entries (envFrom), the ConfigMap
 * openconnector-crypto-config the active id. Bound by Spring Boot's relaxed binding from the
 * environment into the real CryptoProperties and used by the real SecretCipher, including a rotation.
 */
class CryptoKeysBindingTest {

    @Test
    void servicesThatEncryptGetTheKeySecretAndTheActiveIdByName() {
        for (String overlay : Manifests.overlays()) {
            List<Map<String, Object>> docs = Manifests.render(overlay);
            for (String service : List.of("connector-service", "event-service")) {
                List<Map<String, Object>> envFrom = Manifests.at(Manifests.container(docs, service), "envFrom");
                assertThat(envFrom).contains(Map.of("secretRef", Map.of("name", "openconnector-crypto-keys")),
                        Map.of("configMapRef", Map.of("name", "openconnector-crypto-config")));
            }
        }
    }

    @Test
    void environmentFormBindsAndAKeyRotatesByAddingAnId() {
        String active = Manifests.at(Manifests.find(Manifests.render("prod"), "ConfigMap", "openconnector-crypto-config"),
                "data.OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID");
        // Environment variable names are upper case; the map key binds lower-cased, so ids are lower case.
        assertThat(active).matches("[a-z0-9]+");
        Map<String, Object> env = new HashMap<>();
        env.put("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", active);
        env.put("OPENCONNECTOR_CRYPTO_KEYS_" + active.toUpperCase(), newKey());
        SecretCipher before = new SecretCipher(bind(env));
        String stored = before.encrypt("s3cret");

        env.put("OPENCONNECTOR_CRYPTO_KEYS_K2", newKey());
        SecretCipher stillOld = new SecretCipher(bind(env));
        env.put("OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "k2");
        SecretCipher rotated = new SecretCipher(bind(env));

        assertThat(bind(env).keys()).containsOnlyKeys(active, "k2");
        assertThat(stillOld.decrypt(stored)).isEqualTo("s3cret");
        assertThat(rotated.decrypt(stored)).isEqualTo("s3cret");
        assertThat(rotated.needsRotation(stored)).isTrue();
        // Why README rotates in two rollouts (add the key everywhere, then switch the active id):
        // a pod without k2 cannot read what a pod with active k2 wrote.
        String written = rotated.encrypt("new");
        assertThatThrownBy(() -> before.decrypt(written)).isInstanceOf(IllegalStateException.class).hasMessageContaining("k2");
    }

    private static CryptoProperties bind(Map<String, Object> env) {
        var source = new SystemEnvironmentPropertySource("systemEnvironment", env);
        return new Binder(ConfigurationPropertySources.from(source)).bind("openconnector.crypto", CryptoProperties.class).get();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
