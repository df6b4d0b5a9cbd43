package org.openconnector.event.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification
 * (standardwebhooks.com) independently of the service's signer: the signed content is
 * {@code id.timestamp.body}, the key is the base64 after {@code whsec_}, the header holds
 * space-separated {@code v1,<base64>} entries of which one must match, and the timestamp must be
 * within five minutes.
 */
public final class StandardWebhooks {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooks() {
    }

    public static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        if (Duration.between(Instant.ofEpochSecond(ts), Instant.now()).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] expected = expected(secret, id, timestamp, body);
        for (String entry : signatureHeader.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(comma + 1)))) {
                return true;
            }
        }
        return false;
    }

    static byte[] expected(String secret, String id, String timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
