package org.openconnector.connector.calllog;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One outbound call as logged (seed 000's call log fields), already redacted and truncated. This
 * is both the Kafka message on {@code connector.call-logs} and the API's view.
 */
public record CallLog(UUID id, UUID sourceId, String endpoint, String url, String method, Integer statusCode,
                      JsonNode requestHeaders, JsonNode requestBody, JsonNode responseHeaders, JsonNode responseBody,
                      long duration, String error, Instant created) {
}
