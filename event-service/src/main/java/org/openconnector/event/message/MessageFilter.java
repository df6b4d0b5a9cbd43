package org.openconnector.event.message;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which deliveries a list or a replay is about: subscription, event definition, status, CloudEvent
 * type, and a creation window {@code [from, to)} in RFC 3339. Built from query parameters or a
 * replay body; anything malformed is a 400.
 */
record MessageFilter(UUID subscriptionId, UUID eventId, String status, String eventType, Instant from, Instant to) {

    static final Set<String> STATUSES = Set.of("pending", "retrying", "delivered", "failed");
    static final Set<String> PARAMS = Set.of("subscriptionId", "eventId", "status", "eventType", "from", "to");

    static MessageFilter parse(Map<String, String> values) {
        List<Violation> v = new ArrayList<>();
        UUID sub = uuid(values.get("subscriptionId"), "subscriptionId", v);
        UUID event = uuid(values.get("eventId"), "eventId", v);
        String status = values.get("status");
        if (status != null && !STATUSES.contains(status)) {
            v.add(Violation.invalid("status", "status must be one of " + STATUSES.stream().sorted().toList()));
        }
        Instant from = time(values.get("from"), "from", v);
        Instant to = time(values.get("to"), "to", v);
        if (from != null && to != null && !from.isBefore(to)) {
            v.add(Violation.invalid("to", "to must be after from"));
        }
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        return new MessageFilter(sub, event, status, values.get("eventType"), from, to);
    }

    MessageFilter withEvent(UUID id) {
        return new MessageFilter(subscriptionId, id, status, eventType, from, to);
    }

    private static UUID uuid(String value, String name, List<Violation> v) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            v.add(Violation.invalid(name, name + " must be a UUID"));
            return null;
        }
    }

    private static Instant time(String value, String name, List<Violation> v) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            v.add(Violation.invalid(name, name + " must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }
}
