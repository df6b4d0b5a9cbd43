package org.openconnector.connector.source;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/**
 * A validated create or update body: the fields the client gave (absent and {@code null} alike
 * are left out) and the id it asked for, if any ({@code uuid} or {@code id}).
 */
public record SourceDraft(UUID requestedId, Map<SourceField, JsonNode> values) {

    public JsonNode get(SourceField field) {
        return values.get(field);
    }
}
