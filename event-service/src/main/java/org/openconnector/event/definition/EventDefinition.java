package org.openconnector.event.definition;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A validated event definition, with defaults applied; built from a request or it is a 400. */
record EventDefinition(UUID id, String name, String description, String eventType, JsonNode payload, int priority,
                       Integer timeout, boolean isAsync, boolean allowDuplicates, boolean isEnabled, boolean oneTime,
                       String scheduleAfter, String userId, String eventGroupId, Integer retentionPeriod,
                       Integer errorRetention) {

    /** CloudEvents type characters; a trailing {@code *} makes the definition a prefix match. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._:/-]+\\*?|\\*");
    private static final Duration MAX_SCHEDULE_AFTER = Duration.ofDays(30);

    static EventDefinition from(EventRequest r, UUID fallbackId) {
        if (r == null) {
            throw ApiException.validation("", "A JSON object with the event is required");
        }
        List<Violation> v = new ArrayList<>();
        UUID id = fallbackId;
        if (r.id() != null && fallbackId == null) {
            try {
                id = UUID.fromString(r.id());
            } catch (IllegalArgumentException e) {
                v.add(Violation.invalid("id", "id must be a UUID"));
            }
        }
        text(v, "name", r.name(), true, 255);
        text(v, "description", r.description(), false, 4000);
        if (text(v, "eventType", r.eventType(), true, 255) && !EVENT_TYPE.matcher(r.eventType()).matches()) {
            v.add(Violation.invalid("eventType", "eventType must be a CloudEvents type such as "
                    + "org.openconnector.source.created, optionally ending in * to match a prefix"));
        }
        if (r.payload() != null && !r.payload().isObject() && !r.payload().isNull()) {
            v.add(Violation.invalid("payload", "payload must be a JSON object"));
        }
        range(v, "priority", r.priority(), 1, 10);
        range(v, "timeout", r.timeout(), 1, 300);
        range(v, "retentionPeriod", r.retentionPeriod(), 0, Integer.MAX_VALUE);
        range(v, "errorRetention", r.errorRetention(), 0, Integer.MAX_VALUE);
        if (r.scheduleAfter() != null && !r.scheduleAfter().isBlank() && scheduleDelay(r.scheduleAfter()) == null) {
            v.add(Violation.invalid("scheduleAfter", "scheduleAfter must be an ISO-8601 duration between PT0S and P30D, e.g. PT5M"));
        }
        text(v, "userId", r.userId(), false, 255);
        text(v, "eventGroupId", r.eventGroupId(), false, 255);
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        JsonNode payload = r.payload() == null || r.payload().isNull() ? null : r.payload();
        String schedule = r.scheduleAfter() == null || r.scheduleAfter().isBlank() ? null : r.scheduleAfter().trim();
        return new EventDefinition(id == null ? UUID.randomUUID() : id, r.name().trim(), r.description(), r.eventType(),
                payload, r.priority() == null ? 5 : r.priority(), r.timeout(), r.isAsync() == null || r.isAsync(),
                r.allowDuplicates() == null || r.allowDuplicates(), r.isEnabled() == null || r.isEnabled(),
                Boolean.TRUE.equals(r.oneTime()), schedule, r.userId(), r.eventGroupId(), r.retentionPeriod(),
                r.errorRetention());
    }

    /** The delivery delay of a definition's {@code scheduleAfter}, or null when it is not a valid one. */
    static Duration scheduleDelay(String scheduleAfter) {
        try {
            Duration d = Duration.parse(scheduleAfter.trim());
            return d.isNegative() || d.compareTo(MAX_SCHEDULE_AFTER) > 0 ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean text(List<Violation> v, String path, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                v.add(Violation.required(path));
            }
            return false;
        }
        if (value.length() > max) {
            v.add(Violation.invalid(path, path + " must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static void range(List<Violation> v, String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            v.add(Violation.invalid(path, path + " must be between " + min + " and " + max + " (got " + value + ")"));
        }
    }
}
