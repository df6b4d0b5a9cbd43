package org.openconnector.connector.source;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read form of a source: every schema field (null when unset) in the schema's order, {@code id}
 * and {@code uuid} equal, secrets masked. Built from the {@link SourceField} table instead of a
 * 30-component record so that the stored, validated and shown fields cannot drift apart.
 */
@Component
public class SourceViews {

    private final SourceSecrets secrets;

    public SourceViews(SourceSecrets secrets) {
        this.secrets = secrets;
    }

    public ObjectNode view(StoredSource source) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", source.id().toString());
        out.put("uuid", source.id().toString());
        for (SourceField field : SourceField.values()) {
            JsonNode value = source.get(field);
            if (value == null || value.isNull()) {
                out.putNull(field.json());
            } else if (field.secret()) {
                out.put(field.json(), SourceSecrets.MASK);
            } else {
                out.set(field.json(), secrets.mask(value));
            }
        }
        out.put("created", source.created().toString());
        out.put("updated", source.updated().toString());
        return out;
    }
}
