package org.openconnector.event.subscription;

import java.util.Map;

/**
 * Body of POST /api/v1/events/{id}/subscriptions and PUT /api/v1/subscriptions/{id}.
 * {@code secret} is optional: on create one is generated when missing; on update a new value
 * rotates the secret (the old one keeps signing for the configured overlap). The server-kept
 * fields of a read ({@code id}, {@code uuid}, timestamps, the masked secret) may be sent back and are ignored.
 */
public record SubscriptionRequest(String id, String uuid, String eventId, String callbackUrl, String description,
                                  Map<String, String> filters, String secret, Boolean isEnabled, String disabledReason,
                                  String secretRotated, String previousSecretExpires, String failingSince,
                                  String created, String updated) {
}
