package org.openconnector.common.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsWithoutLeavingPlaintextInTheCiphertext() {
        SecretCipher cipher = new SecretCipher(new CryptoProperties("k1", Map.of("k1", OLD)));
        String sealed = cipher.encrypt("hunter2-password");
        assertThat(sealed).startsWith("enc:v1:k1:").doesNotContain("hunter2");
        assertThat(cipher.decrypt(sealed)).isEqualTo("hunter2-password");
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void rotatesKeysByAddingANewActiveKeyId() {
        String sealedWithOld = new SecretCipher(new CryptoProperties("k1", Map.of("k1", OLD))).encrypt("s3cret");
        SecretCipher rotated = new SecretCipher(new CryptoProperties("k2", Map.of("k1", OLD, "k2", NEW)));
        assertThat(rotated.decrypt(sealedWithOld)).isEqualTo("s3cret");
        assertThat(rotated.needsRotation(sealedWithOld)).isTrue();
        assertThat(rotated.encrypt("s3cret")).startsWith("enc:v1:k2:");
    }

    @Test
    void detectsTamperingAndKeyIdSwaps() {
        SecretCipher cipher = new SecretCipher(new CryptoProperties("k1", Map.of("k1", OLD, "k2", OLD)));
        String sealed = cipher.encrypt("value");
        assertThatThrownBy(() -> cipher.decrypt(sealed.replace("enc:v1:k1:", "enc:v1:k2:")))
                .hasMessageContaining("could not be decrypted");
        String flipped = sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("A==") ? "B==" : "A==");
        assertThatThrownBy(() -> cipher.decrypt(flipped)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void refusesToStartWithoutAnActiveKey() {
        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(null, Map.of())))
                .hasMessageContaining("openconnector.crypto.active-key-id");
        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties("k", Map.of("k", "c2hvcnQ="))))
                .hasMessageContaining("32 bytes");
    }
}
