package org.openconnector.event.definition;

import org.openconnector.event.Rows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event definition as the API shows it ({@code uuid} equals {@code id}, for OpenConnector clients). */
public record EventView(UUID id, UUID uuid, String name, String description, String eventType, JsonNode payload,
                        int priority, Integer timeout, boolean isAsync, boolean allowDuplicates, boolean isEnabled,
                        boolean oneTime, String scheduleAfter, String userId, String eventGroupId,
                        Integer retentionPeriod, Integer errorRetention, Instant lastTriggered, Instant nextTrigger,
                        Instant created, Instant updated) {

    /** Reads a row of {@link EventRepository#SELECT} (payload selected as text). */
    static EventView of(Map<String, Object> r, JsonMapper json) {
        String payload = Rows.str(r, "payload_json");
        UUID id = Rows.uuid(r, "id");
        return new EventView(id, id, Rows.str(r, "name"), Rows.str(r, "description"), Rows.str(r, "event_type"),
                payload == null ? null : json.readTree(payload), Rows.integer(r, "priority"),
                Rows.integer(r, "timeout_seconds"), Rows.bool(r, "is_async"), Rows.bool(r, "allow_duplicates"),
                Rows.bool(r, "is_enabled"), Rows.bool(r, "one_time"), Rows.str(r, "schedule_after"),
                Rows.str(r, "user_id"), Rows.str(r, "event_group_id"), Rows.integer(r, "retention_period"),
                Rows.integer(r, "error_retention"), Rows.instant(r, "last_triggered"), Rows.instant(r, "next_trigger"),
                Rows.instant(r, "created"), Rows.instant(r, "updated"));
    }
}
