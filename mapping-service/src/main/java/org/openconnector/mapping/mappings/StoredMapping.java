package org.openconnector.mapping.mappings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** A mapping row. {@link #view()} is the API form (seed 000's Mapping), also what sync-service reads internally. */
public record StoredMapping(UUID id, String name, String description, String reference, String version,
                           JsonNode mapping, JsonNode unset, JsonNode cast, boolean passThrough,
                           Instant dateCreated, Instant dateModified) {

    public ObjectNode view() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id.toString());
        out.put("uuid", id.toString());
        out.put("reference", reference);
        out.put("version", version);
        out.put("name", name);
        out.put("description", description);
        out.set("mapping", mapping);
        out.set("unset", unset);
        out.set("cast", cast);
        out.put("passThrough", passThrough);
        out.put("dateCreated", dateCreated.toString());
        out.put("dateModified", dateModified.toString());
        return out;
    }
}
