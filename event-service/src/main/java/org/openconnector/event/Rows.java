package org.openconnector.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Reads typed values out of R2DBC column maps (timestamptz arrives as OffsetDateTime). */
public final class Rows {

    private Rows() {
    }

    public static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    public static UUID uuid(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    public static Integer integer(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : ((Number) v).intValue();
    }

    public static Long lng(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    public static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    public static Instant instant(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return null;
        }
        return v instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) v;
    }

    /** Parses a path id; an id that is not a UUID cannot exist, so it is a 404 rather than a 400. */
    public static UUID pathId(String resource, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw org.openconnector.common.error.ApiException.notFound(resource, id);
        }
    }
}
