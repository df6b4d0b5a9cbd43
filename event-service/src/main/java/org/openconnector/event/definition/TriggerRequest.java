package org.openconnector.event.definition;

import tools.jackson.databind.JsonNode;

/**
 * Body of POST /api/v1/events/{id}/trigger, all optional: {@code data} (default: the event's
 * {@code payload}), {@code subject} (default: the event id) and {@code type}, needed only when the
 * definition's eventType is a prefix ({@code ...*}) and then required to match it.
 */
public record TriggerRequest(JsonNode data, String subject, String type) {
}
