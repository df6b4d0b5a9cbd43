package org.openconnector.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON form, as the platform puts it on Kafka and on
 * webhooks. {@code type} is {@code org.openconnector.<resource>.<verb>}; {@code subject} is the id
 * of the resource the event is about and doubles as the Kafka key, so one resource's events stay
 * in order on one partition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject,
                         Instant time, String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event with a fresh id, stamped now, about {@code subject}. */
    public static CloudEvent of(String source, String type, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "application/json", data);
    }
}
