package org.openconnector.connector.call;

import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result of one call through the engine. {@code url}, {@code requestHeaders} and
 * {@code requestBody} are already redacted; {@code responseBody} is the external system's answer
 * as received (callers that show it use {@link #redactor}).
 */
public record CallOutcome(UUID sourceId, String method, String endpoint, String url, Map<String, List<String>> requestHeaders,
                          String requestBody, int statusCode, HttpHeaders responseHeaders, byte[] responseBody,
                          long durationMs, Redactor redactor, boolean logBody) {
}
