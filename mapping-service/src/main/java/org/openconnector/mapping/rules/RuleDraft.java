package org.openconnector.mapping.rules;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/** A validated create/replace request for a rule. {@code mappingId} is set for type {@code mapping}. */
record RuleDraft(UUID requestedId, String name, String description, String action, String timing, JsonNode conditions,
                 String type, JsonNode configuration, int order, UUID mappingId) {
}
