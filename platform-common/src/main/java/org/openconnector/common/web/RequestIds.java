package org.openconnector.common.web;

import org.springframework.web.server.ServerWebExchange;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that ties a client's call to every log line it caused, across the gateway and
 * the services. Kept from {@code X-Request-Id} when it looks sane, generated otherwise.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Key in the Reactor context and in the logging MDC. */
    public static final String CONTEXT_KEY = "requestId";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : null;
    }

    static String resolve(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
