package org.openconnector.job;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

/** Reading column maps (as R2DBC returns them) and binding nullable values. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return (Instant) v;
    }

    public static UUID uuid(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    public static String string(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    public static int integer(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    public static Long longOrNull(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    public static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    /** A jsonb column selected as text ({@code col::text as col_text}). */
    public static JsonNode json(Map<String, Object> row, String column, JsonMapper json) {
        Object v = row.get(column);
        return v == null ? null : json.readTree(v.toString());
    }

    public static GenericExecuteSpec bind(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
