package org.openconnector.sync.run;

import tools.jackson.databind.JsonNode;

/** Dot paths into a JSON tree ({@code a.b.0.c}), as sourceConfig/targetConfig positions are written. */
public final class Paths {

    private Paths() {
    }

    /** The node at {@code path}, or null when any step is missing. */
    public static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.isArray() && step.matches("\\d{1,9}") ? current.get(Integer.parseInt(step)) : current.get(step);
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    /** A scalar at {@code path} as text (numbers too), or null when absent, null, or not a scalar. */
    public static String text(JsonNode node, String path) {
        JsonNode v = at(node, path);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asString();
    }
}
