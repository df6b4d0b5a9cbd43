package org.openconnector.connector.call;

import org.openconnector.common.error.ApiException;
import tools.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Body of the test and internal call endpoints: {@code {method, endpoint, headers, query, body, timeoutMs}}, all optional. */
public record CallRequest(String method, String endpoint, Map<String, String> headers, Map<String, String> query,
                          JsonNode body, Long timeoutMs) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    public CallSpec toSpec() {
        String m = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw ApiException.validation("method", "method must be one of " + METHODS + " (got '" + method + "')");
        }
        if (timeoutMs != null && timeoutMs <= 0) {
            throw ApiException.validation("timeoutMs", "timeoutMs must be positive");
        }
        return new CallSpec(m, endpoint, headers, query, body, timeoutMs);
    }

    public static CallRequest empty() {
        return new CallRequest(null, null, null, null, null, null);
    }
}
