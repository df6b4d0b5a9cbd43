package org.openconnector.mapping.rules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** A rule row; {@link #view()} is the seed's Rule schema. */
record StoredRule(UUID id, String name, String description, String action, String timing, JsonNode conditions,
                  String type, JsonNode configuration, int order, Instant created, Instant updated) {

    ObjectNode view() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id.toString());
        out.put("uuid", id.toString());
        out.put("name", name);
        out.put("description", description);
        out.put("action", action);
        out.put("timing", timing);
        out.set("conditions", conditions);
        out.put("type", type);
        out.set("configuration", configuration);
        out.put("order", order);
        out.put("created", created.toString());
        out.put("updated", updated.toString());
        return out;
    }
}
