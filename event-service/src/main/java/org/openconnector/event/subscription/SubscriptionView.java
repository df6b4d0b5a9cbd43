package org.openconnector.event.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.openconnector.event.Rows;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A subscription as the API shows it. {@code secret} is masked, except in the answer that created
 * or rotated it: the only time the plain secret leaves the service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, UUID uuid, UUID eventId, String callbackUrl, String description,
                               Map<String, String> filters, String secret, boolean isEnabled, String disabledReason,
                               Instant secretRotated, Instant previousSecretExpires, Instant failingSince,
                               Instant created, Instant updated) {

    public static final String MASK = WebhookSignature.PREFIX + "********";
    private static final TypeReference<Map<String, String>> FILTERS = new TypeReference<>() {
    };

    static SubscriptionView of(Map<String, Object> r, JsonMapper json) {
        String filters = Rows.str(r, "filters_json");
        UUID id = Rows.uuid(r, "id");
        Instant prevExpires = Rows.instant(r, "previous_secret_expires");
        return new SubscriptionView(id, id, Rows.uuid(r, "event_id"), Rows.str(r, "callback_url"), Rows.str(r, "description"),
                filters == null ? null : json.readValue(filters, FILTERS), MASK, Rows.bool(r, "is_enabled"),
                Rows.str(r, "disabled_reason"), Rows.instant(r, "secret_rotated"),
                prevExpires != null && prevExpires.isAfter(Instant.now()) ? prevExpires : null,
                Rows.instant(r, "failing_since"), Rows.instant(r, "created"), Rows.instant(r, "updated"));
    }

    SubscriptionView withSecret(String plain) {
        return new SubscriptionView(id, uuid, eventId, callbackUrl, description, filters, plain, isEnabled, disabledReason,
                secretRotated, previousSecretExpires, failingSince, created, updated);
    }
}
