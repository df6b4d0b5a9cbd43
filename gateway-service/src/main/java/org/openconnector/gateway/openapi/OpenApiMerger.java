package org.openconnector.gateway.openapi;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the document of the whole public API: their public
 * {@code paths} (only {@code /api/**}; {@code /internal/**} is never routed), every
 * {@code components} section (first definition of a name wins: the shared error and page shapes
 * are identical everywhere) and their tags. Services whose document could not be fetched are
 * listed in {@code x-unavailable-services} and in the description.
 */
@Component
class OpenApiMerger {

    static final String UNAVAILABLE = "x-unavailable-services";

    record ServiceDocument(String service, Optional<JsonNode> document) {
    }

    private final JsonMapper json;
    private final String version;

    @Autowired
    OpenApiMerger(JsonMapper json, ObjectProvider<BuildProperties> build) {
        this(json, build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "0.0.0");
    }

    OpenApiMerger(JsonMapper json, String version) {
        this.json = json;
        this.version = version;
    }

    ObjectNode merge(List<ServiceDocument> documents) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Open Connector API");
        info.put("version", version);
        root.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        ArrayNode tags = root.putArray("tags");
        Set<String> tagNames = new HashSet<>();
        ArrayNode unavailable = json.createArrayNode();
        for (ServiceDocument doc : documents) {
            if (doc.document().isEmpty()) {
                unavailable.add(doc.service());
                continue;
            }
            JsonNode source = doc.document().get();
            for (Map.Entry<String, JsonNode> path : source.path("paths").properties()) {
                if (path.getKey().startsWith("/api/") && !paths.has(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            }
            for (Map.Entry<String, JsonNode> section : source.path("components").properties()) {
                ObjectNode target = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey()) : components.putObject(section.getKey());
                for (Map.Entry<String, JsonNode> entry : section.getValue().properties()) {
                    if (!target.has(entry.getKey())) {
                        target.set(entry.getKey(), entry.getValue());
                    }
                }
            }
            for (JsonNode tag : source.path("tags")) {
                if (tagNames.add(tag.path("name").asString(""))) {
                    tags.add(tag);
                }
            }
        }
        String description = "The whole Open Connector API, aggregated by the gateway from every service's document.";
        if (!unavailable.isEmpty()) {
            List<String> names = unavailable.valueStream().map(n -> n.asString()).toList();
            description += " Missing because these services did not answer: " + String.join(", ", names) + ".";
        }
        info.put("description", description);
        root.set(UNAVAILABLE, unavailable);
        return root;
    }
}
