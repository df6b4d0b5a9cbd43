package org.openconnector.event.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this replica holds the lease on, with what sending it needs.
 *
 * @param secrets SecretCipher ciphertexts: the current secret, then the previous one while its overlap lasts
 * @param failing whether the subscription was failing when claimed (a success then clears that)
 */
record Claimed(UUID id, UUID eventId, UUID subscriptionId, String cloudEventId, String eventType, String payload,
               int attempts, String callbackUrl, java.util.List<String> secrets, Duration timeout, Instant claimedAt,
               boolean failing) {
}
