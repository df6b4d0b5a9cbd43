package org.openconnector.mapping.web;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a JSON object body field by field, collecting every violation before failing. Types are checked on
 * the tree (no data binding), so {@code "name": 12} is an error instead of the string "12", and all problems
 * are reported at once. Unknown fields are errors; {@code readOnly} fields may be sent back and are ignored.
 */
public final class BodyReader {

    public static final int MAX_NAME = 255;
    public static final int MAX_TEXT = 65_536;

    private final JsonNode body;
    private final List<Violation> violations = new ArrayList<>();

    private BodyReader(JsonNode body) {
        this.body = body;
    }

    /** Starts reading; refuses anything but an object and any field outside {@code known} and {@code readOnly}. */
    public static BodyReader of(JsonNode body, Set<String> known, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new Violation("$", "The body must be a JSON object", "type")));
        }
        BodyReader reader = new BodyReader(body);
        for (String key : body.propertyNames()) {
            if (!known.contains(key) && !readOnly.contains(key)) {
                reader.violations.add(new Violation(key, "Unknown field '" + key + "'; remove it or check its spelling", "unknown-field"));
            }
        }
        return reader;
    }

    public JsonNode raw(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v;
    }

    public String string(String field, boolean required, int max) {
        JsonNode v = raw(field);
        if (v == null || v.isString() && v.stringValue().isBlank() && required) {
            if (required) {
                violations.add(Violation.required(field));
            }
            return null;
        }
        if (!v.isString()) {
            return typeError(field, "a string");
        }
        if (v.stringValue().length() > max) {
            violations.add(Violation.invalid(field, field + " must be at most " + max + " characters"));
            return null;
        }
        return v.stringValue();
    }

    public String oneOf(String field, Set<String> allowed) {
        String value = string(field, true, MAX_NAME);
        if (value != null && !allowed.contains(value)) {
            violations.add(Violation.invalid(field, field + " must be one of " + allowed.stream().sorted().toList() + " (got '" + value + "')"));
            return null;
        }
        return value;
    }

    public JsonNode object(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                violations.add(Violation.required(field));
            }
            return null;
        }
        return v.isObject() ? v : typeError(field, "an object");
    }

    public Boolean bool(String field) {
        JsonNode v = raw(field);
        return v == null ? null : v.isBoolean() ? v.booleanValue() : typeError(field, "a boolean");
    }

    public Integer integer(String field) {
        JsonNode v = raw(field);
        return v == null ? null : v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : typeError(field, "an integer");
    }

    /** The body's {@code id}/{@code uuid} (must be equal UUIDs when both are given), or null. */
    public UUID requestedId() {
        UUID found = null;
        for (String key : List.of("id", "uuid")) {
            JsonNode v = raw(key);
            if (v == null) {
                continue;
            }
            UUID id = null;
            try {
                id = v.isString() && v.stringValue().length() == 36 ? UUID.fromString(v.stringValue()) : null;
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (id == null) {
                violations.add(Violation.invalid(key, key + " must be a UUID (got " + v + ")"));
            } else if (found != null && !found.equals(id)) {
                violations.add(Violation.invalid(key, "id and uuid must be equal when both are given"));
            } else {
                found = id;
            }
        }
        return found;
    }

    public void violation(Violation violation) {
        violations.add(violation);
    }

    public boolean hasViolation(String field) {
        return violations.stream().anyMatch(v -> v.propertyPath().equals(field));
    }

    /** Throws the collected violations, if any. */
    public void done() {
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
    }

    private <T> T typeError(String field, String expected) {
        violations.add(new Violation(field, field + " has the wrong type; expected " + expected, "type"));
        return null;
    }
}
