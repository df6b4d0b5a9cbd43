package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Locale;

/** Type conversions with PHP semantics: string, bool/boolean (and nullable ?bool), int/integer, float, array. */
final class ScalarCasts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScalarCasts() {
    }

    static List<Cast> all() {
        return List.of(
                Cast.simple("string", v -> F.stringNode(Php.string(v))),
                Cast.simple("bool", v -> F.booleanNode(bool(v))),
                Cast.simple("boolean", v -> F.booleanNode(bool(v))),
                Cast.simple("?bool", v -> v.isNull() ? v : F.booleanNode(bool(v))),
                Cast.simple("?boolean", v -> v.isNull() ? v : F.booleanNode(bool(v))),
                Cast.simple("int", v -> Php.intNode(Php.integer(v))),
                Cast.simple("integer", v -> Php.intNode(Php.integer(v))),
                Cast.simple("float", v -> F.numberNode(Php.floating(v))),
                Cast.simple("array", ScalarCasts::array),
                Cast.simple("nullStringToNull", v -> v.isString() && v.stringValue().equals("null") ? F.nullNode() : v));
    }

    /** OpenConnector: true when (int)value == 1 or the text is "true"/"yes" (any case); so "2" is false, "1abc" true. */
    static boolean bool(JsonNode v) {
        if (Php.integer(v) == 1) {
            return true;
        }
        if (v.isString()) {
            String s = v.stringValue().toLowerCase(Locale.ROOT);
            return s.equals("true") || s.equals("yes");
        }
        return false;
    }

    /** null → [], a list or object (a PHP array) stays, a scalar → [scalar]. */
    static JsonNode array(JsonNode v) {
        if (v.isNull()) {
            return F.arrayNode();
        }
        if (v.isContainer()) {
            return v;
        }
        return F.arrayNode().add(v);
    }
}
