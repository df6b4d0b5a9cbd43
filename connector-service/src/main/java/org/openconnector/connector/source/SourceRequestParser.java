package org.openconnector.connector.source;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a Source body field by field against {@link SourceField} and reports every problem at
 * once. Types are checked on the JSON tree rather than by data binding, because binding would
 * quietly coerce {@code "name": 12} into a string and give up at the first bad field.
 */
final class SourceRequestParser {

    /** Read-only fields a client may send back unchanged from a read; they are ignored. */
    private static final Set<String> READ_ONLY = Set.of("created", "updated");
    static final int MAX_NAME = 255;
    static final int MAX_TEXT = 65_536;

    private SourceRequestParser() {
    }

    static SourceDraft parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new Violation("$", "The body must be a JSON object", "type")));
        }
        List<Violation> violations = new ArrayList<>();
        Map<SourceField, JsonNode> values = new EnumMap<>(SourceField.class);
        UUID requested = null;
        for (var property : body.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            SourceField field = SourceField.byJson(key);
            if (key.equals("id") || key.equals("uuid")) {
                UUID id = uuid(key, value, violations);
                if (id != null && requested != null && !id.equals(requested)) {
                    violations.add(Violation.invalid(key, "id and uuid must be equal when both are given"));
                }
                requested = requested != null ? requested : id;
            } else if (field == null && !READ_ONLY.contains(key)) {
                violations.add(new Violation(key, "Unknown field '" + key + "'; remove it or check its spelling", "unknown-field"));
            } else if (field != null && !value.isNull() && check(field, value, violations)) {
                values.put(field, value);
            }
        }
        required(SourceField.NAME, values, violations);
        required(SourceField.TYPE, values, violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new SourceDraft(requested, values);
    }

    private static boolean check(SourceField field, JsonNode value, List<Violation> violations) {
        String name = field.json();
        String problem = switch (field.kind()) {
            case STRING, ENUM -> value.isString() ? null : "a string";
            case BOOLEAN -> value.isBoolean() ? null : "a boolean";
            case OBJECT -> value.isObject() ? null : "an object";
            case OBJECT_ARRAY -> value.isArray() && allObjects(value) ? null : "an array of objects";
        };
        if (problem != null) {
            violations.add(new Violation(name, name + " has the wrong type; expected " + problem, "type"));
            return false;
        }
        if (field.kind() == SourceField.Kind.ENUM && !field.allowed().contains(value.stringValue())) {
            violations.add(Violation.invalid(name, name + " must be one of " + field.allowed()
                    + " (got '" + value.stringValue() + "')"));
            return false;
        }
        int max = field == SourceField.NAME ? MAX_NAME : MAX_TEXT;
        if (value.isString() && value.stringValue().length() > max) {
            violations.add(Violation.invalid(name, name + " must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static void required(SourceField field, Map<SourceField, JsonNode> values, List<Violation> violations) {
        boolean reported = violations.stream().anyMatch(v -> v.propertyPath().equals(field.json()));
        JsonNode value = values.get(field);
        if (!reported && (value == null || value.stringValue().isBlank())) {
            violations.add(Violation.required(field.json()));
        }
    }

    private static UUID uuid(String key, JsonNode value, List<Violation> violations) {
        if (value.isNull()) {
            return null;
        }
        if (value.isString() && value.stringValue().length() == 36) {
            try {
                return UUID.fromString(value.stringValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        violations.add(Violation.invalid(key, key + " must be a UUID (got " + value + ")"));
        return null;
    }
}
