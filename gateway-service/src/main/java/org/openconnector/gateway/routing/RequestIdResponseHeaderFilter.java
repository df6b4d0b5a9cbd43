package org.openconnector.gateway.routing;

import org.openconnector.common.web.RequestIds;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the service's {@code X-Request-Id} from the proxied response. The gateway's
 * RequestIdFilter already set the header (and sent the same id to the service); copying the
 * service's one as well would give the client the header twice.
 */
@Component
class RequestIdResponseHeaderFilter implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!input.containsHeader(RequestIds.HEADER)) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!RequestIds.HEADER.equalsIgnoreCase(name)) {
                filtered.addAll(name, values);
            }
        });
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
