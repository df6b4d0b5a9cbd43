package org.openconnector.event.subscription;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing: secrets are {@code whsec_<base64 key>}; the signature of a delivery is
 * {@code v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}, and several
 * (during a secret rotation) go space-separated in one {@code webhook-signature} header.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A fresh secret with a 32-byte key. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Why {@code secret} cannot be used, or null when it can. */
    public static String invalid(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return "secret must look like whsec_<base64 key>";
        }
        try {
            int len = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return len < 24 || len > 64 ? "the secret's key must be 24 to 64 bytes (got " + len + ")" : null;
        } catch (IllegalArgumentException e) {
            return "the part after whsec_ must be base64";
        }
    }

    /** The {@code webhook-signature} header value: one {@code v1,...} per secret, space-separated. */
    public static String sign(String msgId, long timestamp, byte[] body, List<String> secrets) {
        return secrets.stream().map(s -> "v1," + hmac(s, msgId, timestamp, body)).collect(Collectors.joining(" "));
    }

    static String hmac(String secret, String msgId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
