package org.openconnector.event.definition;

import tools.jackson.databind.JsonNode;

/**
 * Body of POST/PUT /api/v1/events: every field of the OpenConnector Event schema. {@code id},
 * {@code uuid}, {@code lastTriggered}, {@code nextTrigger}, {@code created} and {@code updated} are
 * kept by the server; they are accepted (so a read can be sent back as an update) and ignored,
 * except that a create may choose its own UUID {@code id}.
 */
public record EventRequest(String id, String uuid, String name, String description, String eventType,
                           JsonNode payload, Integer priority, Integer timeout, Boolean isAsync,
                           Boolean allowDuplicates, Boolean isEnabled, Boolean oneTime, String scheduleAfter,
                           String userId, String eventGroupId, Integer retentionPeriod, Integer errorRetention,
                           String lastTriggered, String nextTrigger, String created, String updated) {
}
