package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One cast of a mapping's {@code cast} section, keyed by its stable {@link #type()} (the name written in the
 * mapping, e.g. {@code int}, {@code unsetIfValue}). A cast is prepared once per mapping with the text after
 * its name (e.g. {@code inactive} for {@code unsetIfValue==inactive}); the prepared {@link Step} then runs per object.
 */
public interface Cast {

    /** Returned by a step to delete the key instead of writing a value back. */
    JsonNode REMOVE = MissingNode.getInstance();

    String type();

    /** What separates the name from the argument ({@code ==} or {@code :}), or null when the cast takes none. */
    default String separator() {
        return null;
    }

    /** Validates and pre-computes the argument (null when absent); throws IllegalArgumentException when it is invalid. */
    default Step prepare(String argument) {
        if (argument != null) {
            throw new IllegalArgumentException("cast '" + type() + "' takes no argument");
        }
        return step();
    }

    /** The step for casts without an argument. */
    default Step step() {
        throw new UnsupportedOperationException(type() + " needs an argument");
    }

    /** Applies the cast to one value; {@code output} is the whole mapped object (for casts that look elsewhere). */
    @FunctionalInterface
    interface Step {
        JsonNode apply(JsonNode value, String key, JsonNode output);
    }

    /** A cast without an argument, from a name and a value function. */
    static Cast simple(String type, java.util.function.UnaryOperator<JsonNode> body) {
        return new Cast() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Step step() {
                return (value, key, output) -> body.apply(value);
            }
        };
    }
}
