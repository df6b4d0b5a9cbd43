package org.openconnector.connector.objects;

import tools.jackson.databind.JsonNode;

/** Reads {@code a.b.0.c} dot paths (OpenConnector's resultsPosition/idPosition style). */
final class JsonDots {

    private JsonDots() {
    }

    /** The node at {@code path}, or null when any step is missing. */
    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.isArray() && step.chars().allMatch(Character::isDigit) ? current.get(Integer.parseInt(step)) : current.get(step);
        }
        return current == null || current.isMissingNode() ? null : current;
    }
}
