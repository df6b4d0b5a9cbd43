package org.openconnector.event.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A delivery this replica holds the lease on, with what sending it needs: from a claim, or handed over
 * directly by the fan-out transaction that inserted it already leased.
 *
 * @param secrets  SecretCipher ciphertexts: the current secret, then the previous one while its overlap lasts
 * @param queuedAt when the message was queued (its fan-out), for the dispatch latency of first attempts
 * @param failing  whether the subscription was failing when claimed (a success then clears that)
 */
record Claimed(UUID id, UUID eventId, UUID subscriptionId, String cloudEventId, String eventType, String payload,
               int attempts, String callbackUrl, List<String> secrets, Duration timeout, Instant queuedAt,
               boolean failing) {

    /** The secrets that sign: the current one, and the previous one until its overlap ends. */
    static List<String> secrets(String secret, String previous, Instant previousExpires) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previous != null && previousExpires != null && previousExpires.isAfter(Instant.now())) {
            secrets.add(previous);
        }
        return secrets;
    }
}
