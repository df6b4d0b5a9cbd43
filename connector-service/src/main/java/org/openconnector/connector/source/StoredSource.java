package org.openconnector.connector.source;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A source as stored: secrets are still encrypted (see {@link SourceSecrets#reveal} for the
 * usable form). {@code values} holds only the fields that are set.
 */
public record StoredSource(UUID id, Map<SourceField, JsonNode> values, Instant created, Instant updated) {

    public JsonNode get(SourceField field) {
        return values.get(field);
    }

    /** A string field's stored text, or null. */
    public String text(SourceField field) {
        JsonNode node = values.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    /** {@code isEnabled}; a source is enabled unless it says otherwise. */
    public boolean enabled() {
        JsonNode node = values.get(SourceField.IS_ENABLED);
        return node == null || node.asBoolean(true);
    }
}
