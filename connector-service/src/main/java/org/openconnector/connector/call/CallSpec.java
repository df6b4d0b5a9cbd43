package org.openconnector.connector.call;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What a caller asks for: {@code endpoint} is appended to the source's location; {@code headers}
 * and {@code query} are merged over the source's configured ones; {@code body} is sent as JSON,
 * or as text when it is a JSON string. {@code timeoutMs} may shorten the source's response timeout.
 */
public record CallSpec(String method, String endpoint, Map<String, String> headers, Map<String, String> query,
                       JsonNode body, Long timeoutMs) {

    public CallSpec {
        method = method == null || method.isBlank() ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        endpoint = endpoint == null ? "" : endpoint;
        headers = headers == null ? Map.of() : headers;
        query = query == null ? Map.of() : query;
    }

    public static CallSpec get(String endpoint, Map<String, String> query) {
        return new CallSpec("GET", endpoint, Map.of(), query, null, null);
    }
}
