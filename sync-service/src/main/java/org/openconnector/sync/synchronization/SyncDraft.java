package org.openconnector.sync.synchronization;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** A validated create/replace body; unset optional fields are null. */
public record SyncDraft(UUID requestedId, String name, String description, String version, JsonNode conditions,
                        UUID sourceId, String sourceType, UUID sourceHashMapping, UUID sourceTargetMapping,
                        ObjectNode sourceConfig, String targetId, String targetType, String targetSourceMapping,
                        ObjectNode targetConfig, ArrayNode actions) {
}
