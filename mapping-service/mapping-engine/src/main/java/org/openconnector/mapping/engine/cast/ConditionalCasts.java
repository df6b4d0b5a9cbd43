package org.openconnector.mapping.engine.cast;

import org.openconnector.mapping.engine.DotPath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * Casts that look at the value (or elsewhere in the output) to decide: keyCantBeValue, unsetIfValue==X,
 * setNullIfValue==X and countValue:path. Comparisons are PHP 8 loose comparisons against the text X; with an
 * empty X a value also matches when it is PHP-empty or a list/object whose nested values are all empty.
 */
final class ConditionalCasts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConditionalCasts() {
    }

    static List<Cast> all() {
        return List.of(keyCantBeValue(), ifValue("unsetIfValue", Cast.REMOVE), ifValue("setNullIfValue", F.nullNode()), countValue());
    }

    private static Cast keyCantBeValue() {
        return new Cast() {
            @Override
            public String type() {
                return "keyCantBeValue";
            }

            @Override
            public Step step() {
                return (value, key, output) -> Php.looseEquals(value, key) ? REMOVE : value;
            }
        };
    }

    private static Cast ifValue(String type, JsonNode replacement) {
        return new Cast() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String separator() {
                return "==";
            }

            @Override
            public Step prepare(String argument) {
                if (argument == null) {
                    throw new IllegalArgumentException("cast '" + type + "' needs a value: " + type + "==<value> (empty for 'empty')");
                }
                return (value, key, output) -> matches(value, argument) ? replacement : value;
            }
        };
    }

    static boolean matches(JsonNode value, String argument) {
        if (Php.looseEquals(value, argument)) {
            return true;
        }
        return argument.isEmpty() && (Php.empty(value) || allEmpty(value));
    }

    private static boolean allEmpty(JsonNode value) {
        if (!value.isContainer()) {
            return Php.empty(value);
        }
        for (JsonNode child : value.values()) {
            if (!allEmpty(child)) {
                return false;
            }
        }
        return true;
    }

    private static Cast countValue() {
        return new Cast() {
            @Override
            public String type() {
                return "countValue";
            }

            @Override
            public String separator() {
                return ":";
            }

            @Override
            public Step prepare(String argument) {
                if (argument == null || argument.isEmpty()) {
                    throw new IllegalArgumentException("cast 'countValue' needs a path: countValue:<path>");
                }
                DotPath path = DotPath.of(argument);
                return (value, key, output) -> {
                    JsonNode counted = path.find(output);
                    return counted != null && counted.isContainer() ? Php.intNode(counted.size()) : value;
                };
            }
        };
    }
}
