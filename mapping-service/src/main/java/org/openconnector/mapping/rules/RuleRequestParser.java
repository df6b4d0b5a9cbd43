package org.openconnector.mapping.rules;

import org.openconnector.common.error.Violation;
import org.openconnector.mapping.engine.JsonLogicCondition;
import org.openconnector.mapping.web.BodyReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.Set;
import java.util.UUID;

/**
 * Checks a Rule body (seed 000): enums, JSON Logic conditions compiled once (an unknown operator is refused now,
 * not when a sync first runs the rule), and for a {@code mapping} rule a {@code configuration.mapping} id.
 */
final class RuleRequestParser {

    static final Set<String> ACTIONS = Set.of("create", "read", "update", "delete");
    static final Set<String> TIMINGS = Set.of("before", "after");
    static final Set<String> TYPES = Set.of("mapping", "error", "script", "synchronization");
    static final Set<String> FIELDS = Set.of("id", "uuid", "name", "description", "action", "timing", "conditions",
            "type", "configuration", "order");
    static final Set<String> READ_ONLY = Set.of("created", "updated");

    private RuleRequestParser() {
    }

    static RuleDraft parse(JsonNode body) {
        BodyReader in = BodyReader.of(body, FIELDS, READ_ONLY);
        UUID id = in.requestedId();
        String name = in.string("name", true, BodyReader.MAX_NAME);
        String description = in.string("description", false, BodyReader.MAX_TEXT);
        String action = in.oneOf("action", ACTIONS);
        String timing = in.oneOf("timing", TIMINGS);
        String type = in.oneOf("type", TYPES);
        JsonNode conditions = conditions(in);
        JsonNode configuration = in.object("configuration", false);
        Integer order = in.integer("order");
        UUID mappingId = "mapping".equals(type) ? mappingId(configuration, in) : null;
        in.done();
        return new RuleDraft(id, name, description, action, timing,
                conditions != null ? conditions : JsonNodeFactory.instance.arrayNode(), type,
                configuration != null ? configuration : JsonNodeFactory.instance.objectNode(), order != null ? order : 0, mappingId);
    }

    private static JsonNode conditions(BodyReader in) {
        JsonNode conditions = in.raw("conditions");
        if (conditions == null) {
            return null;
        }
        if (!conditions.isObject() && !conditions.isArray()) {
            in.violation(new Violation("conditions", "conditions has the wrong type; expected JSON Logic (an object or a list of objects)", "type"));
            return null;
        }
        try {
            JsonLogicCondition.compile(conditions);
            return conditions;
        } catch (IllegalArgumentException e) {
            in.violation(Violation.invalid("conditions", "conditions: " + e.getMessage()));
            return null;
        }
    }

    private static UUID mappingId(JsonNode configuration, BodyReader in) {
        JsonNode ref = configuration == null ? null : configuration.get("mapping");
        if (ref == null || ref.isNull()) {
            in.violation(Violation.required("configuration.mapping"));
            return null;
        }
        try {
            return UUID.fromString(ref.isString() ? ref.stringValue() : "");
        } catch (IllegalArgumentException e) {
            in.violation(Violation.invalid("configuration.mapping", "configuration.mapping must be the id (UUID) of a mapping"));
            return null;
        }
    }
}
