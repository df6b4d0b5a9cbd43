package org.openconnector.mapping.mappings;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/** A validated create/replace request for a mapping; the definition already compiled once. */
record MappingDraft(UUID requestedId, String name, String description, String reference, String version,
                    JsonNode mapping, JsonNode unset, JsonNode cast, boolean passThrough) {
}
