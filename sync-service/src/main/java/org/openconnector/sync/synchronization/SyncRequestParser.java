package org.openconnector.sync.synchronization;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.mapping.engine.JsonLogicCondition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a Synchronization body on the JSON tree and reports every problem at once (binding would
 * coerce {@code "name": 12} and stop at the first bad field). Server-kept fields a client may send
 * back from a read are ignored.
 */
final class SyncRequestParser {

    static final Set<String> SOURCE_TYPES = Set.of("api");
    static final Set<String> TARGET_TYPES = Set.of("api", "storage");
    private static final Set<String> READ_ONLY = Set.of("sourceHash", "targetHash", "sourceLastChanged", "sourceLastChecked",
            "sourceLastSynced", "targetLastChanged", "targetLastChecked", "targetLastSynced", "created", "updated");
    private static final Set<String> STRINGS = Set.of("name", "description", "version", "targetSourceMapping", "targetId");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Violation> violations = new ArrayList<>();
    private final ObjectNode body;

    private SyncRequestParser(ObjectNode body) {
        this.body = body;
    }

    static SyncDraft parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new Violation("$", "The body must be a JSON object", "type")));
        }
        return new SyncRequestParser((ObjectNode) body).draft();
    }

    private SyncDraft draft() {
        for (var property : body.properties()) {
            String key = property.getKey();
            boolean known = STRINGS.contains(key) || READ_ONLY.contains(key) || Set.of("id", "uuid", "conditions", "sourceId",
                    "sourceType", "sourceHashMapping", "sourceTargetMapping", "sourceConfig", "targetType", "targetConfig",
                    "actions").contains(key);
            if (!known) {
                violations.add(new Violation(key, "Unknown field '" + key + "'; remove it or check its spelling", "unknown-field"));
            }
        }
        UUID id = uuid("id", false);
        UUID uuid = uuid("uuid", false);
        if (id != null && uuid != null && !id.equals(uuid)) {
            violations.add(Violation.invalid("uuid", "id and uuid must be equal when both are given"));
        }
        String name = string("name", true, 255);
        String targetType = oneOf("targetType", TARGET_TYPES, "api");
        String targetId = string("targetId", true, 255);
        if (targetId != null && "api".equals(targetType)) {
            uuid("targetId", true);
        }
        SyncDraft draft = new SyncDraft(id != null ? id : uuid, name, string("description", false, 65_536),
                string("version", false, 64), conditions(), uuid("sourceId", true), oneOf("sourceType", SOURCE_TYPES, "api"),
                uuid("sourceHashMapping", false), uuid("sourceTargetMapping", false), config("sourceConfig"), targetId,
                targetType, string("targetSourceMapping", false, 255), config("targetConfig"), actions());
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return draft;
    }

    private JsonNode value(String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private String string(String key, boolean required, int max) {
        JsonNode v = value(key);
        if (v == null || (v.isString() && v.stringValue().isBlank() && required)) {
            if (required) {
                violations.add(Violation.required(key));
            }
            return null;
        }
        if (!v.isString()) {
            violations.add(new Violation(key, key + " has the wrong type; expected a string", "type"));
            return null;
        }
        if (v.stringValue().length() > max) {
            violations.add(Violation.invalid(key, key + " must be at most " + max + " characters"));
            return null;
        }
        return v.stringValue();
    }

    private UUID uuid(String key, boolean required) {
        JsonNode v = value(key);
        if (v == null || (v.isString() && v.stringValue().isEmpty())) {
            if (required) {
                violations.add(Violation.required(key));
            }
            return null;
        }
        if (v.isString() && v.stringValue().length() == 36) {
            try {
                return UUID.fromString(v.stringValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        violations.add(Violation.invalid(key, key + " must be a UUID (got " + v + ")"));
        return null;
    }

    private String oneOf(String key, Set<String> allowed, String fallback) {
        String s = string(key, false, 64);
        if (s == null) {
            return fallback;
        }
        if (!allowed.contains(s)) {
            violations.add(Violation.invalid(key, key + " must be one of " + allowed + " (got '" + s + "')"));
        }
        return s;
    }

    /** JSON Logic as an object/list, or a string holding one (the seed types it as a string); compiled to check it. */
    private JsonNode conditions() {
        JsonNode v = value("conditions");
        if (v == null || (v.isString() && v.stringValue().isBlank())) {
            return null;
        }
        JsonNode logic = v;
        if (v.isString()) {
            try {
                logic = JSON.readTree(v.stringValue());
            } catch (JacksonException e) {
                violations.add(Violation.invalid("conditions", "conditions must be JSON Logic (an object, or a string holding one)"));
                return null;
            }
        }
        if (!logic.isObject() && !logic.isArray()) {
            violations.add(new Violation("conditions", "conditions must be a JSON Logic object", "type"));
            return null;
        }
        try {
            JsonLogicCondition.compile(logic);
        } catch (RuntimeException e) {
            violations.add(Violation.invalid("conditions", "conditions are not valid JSON Logic: " + e.getMessage()));
            return null;
        }
        return v;
    }

    private ObjectNode config(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            violations.add(new Violation(key, key + " has the wrong type; expected an object", "type"));
            return null;
        }
        for (String field : List.of("endpoint", "idPosition", "resultsPosition", "paginationQuery", "updateMethod", "updateEndpoint")) {
            JsonNode f = v.get(field);
            if (f != null && !f.isNull() && !f.isString()) {
                violations.add(new Violation(key + "." + field, key + "." + field + " must be a string", "type"));
            }
        }
        JsonNode max = v.get("maxPages");
        if (max != null && !max.isNull() && (!max.isIntegralNumber() || max.asLong() < 1 || max.asLong() > 100_000)) {
            violations.add(Violation.invalid(key + ".maxPages", key + ".maxPages must be an integer from 1 to 100000"));
        }
        for (String map : List.of("headers", "query")) {
            JsonNode m = v.get(map);
            if (m != null && !m.isNull() && (!m.isObject() || m.properties().stream().anyMatch(e -> !e.getValue().isString()))) {
                violations.add(new Violation(key + "." + map, key + "." + map + " must be an object of strings", "type"));
            }
        }
        JsonNode pagination = v.get("pagination");
        if (pagination != null && !pagination.isNull() && !pagination.isObject()) {
            violations.add(new Violation(key + ".pagination", key + ".pagination must be an object", "type"));
        }
        JsonNode method = v.get("updateMethod");
        if (method != null && method.isString() && !Set.of("PUT", "PATCH", "POST").contains(method.stringValue())) {
            violations.add(Violation.invalid(key + ".updateMethod", key + ".updateMethod must be PUT, PATCH or POST"));
        }
        return (ObjectNode) v;
    }

    private ArrayNode actions() {
        JsonNode v = value("actions");
        if (v == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            violations.add(new Violation("actions", "actions has the wrong type; expected an array of strings", "type"));
            return null;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                violations.add(new Violation("actions[" + i + "]", "actions[" + i + "] must be a string", "type"));
            }
        }
        return (ArrayNode) v;
    }
}
