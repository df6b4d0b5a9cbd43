package org.openconnector.common.crypto;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * AES-256-GCM for secrets at rest. A stored value reads {@code enc:v1:<keyId>:<base64(iv|ciphertext+tag)>},
 * so keys rotate by adding a new id and making it active: old values still decrypt with their own
 * key, new ones use the active key. The key id is bound as associated data, so a value cannot be
 * replayed under another key id.
 */
public class SecretCipher {

    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(CryptoProperties props) {
        if (props.activeKeyId() == null || props.keys() == null || !props.keys().containsKey(props.activeKeyId())) {
            throw new IllegalStateException("No encryption key for secrets: set openconnector.crypto.active-key-id "
                    + "and openconnector.crypto.keys.<id> (base64 of 32 random bytes), e.g. via OPENCONNECTOR_CRYPTO_KEYS_<ID>");
        }
        props.keys().forEach((id, b64) -> {
            byte[] raw = Base64.getDecoder().decode(b64.trim());
            if (raw.length != 32) {
                throw new IllegalStateException("Encryption key '" + id + "' must be 32 bytes (AES-256), has " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        this.activeKeyId = props.activeKeyId();
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("Value is not an encrypted secret");
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String keyId = rest.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Secret was encrypted with key '" + keyId + "', which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret could not be decrypted (wrong key or tampered value)", e);
        }
    }

    /** Whether a value was written with an older key and should be re-encrypted. */
    public boolean needsRotation(String stored) {
        return isEncrypted(stored) && !stored.startsWith(PREFIX + activeKeyId + ":");
    }
}
