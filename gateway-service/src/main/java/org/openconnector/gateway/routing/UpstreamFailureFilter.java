package org.openconnector.gateway.routing;

import org.openconnector.common.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;

/**
 * Turns a failed hop to a service into the error contract: a service that does not answer in
 * time is a 504, one that cannot be reached (refused, reset, circuit open) a 503. Runs outside
 * every route filter (including the circuit breaker), so it sees what the breaker let through;
 * the shared ProblemWebExceptionHandler then writes the problem+json. Nothing of the underlying
 * exception reaches the client; the log gets its class and message, not a stack trace.
 */
@Component
class UpstreamFailureFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(error -> !(error instanceof ApiException), error -> translate(exchange, error));
    }

    static Throwable translate(ServerWebExchange exchange, Throwable error) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route != null ? route.getId() : "upstream";
        if (isTimeout(error)) {
            log.warn("{} service did not answer in time: {}", service, error.getMessage());
            return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
                    "The " + service + " service did not answer in time; retry later");
        }
        if (error instanceof ServiceUnavailableException) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The " + service + " service is failing and calls to it are paused (circuit open); retry later");
        }
        if (error instanceof ResponseStatusException) {
            // the gateway's own answer about the request (e.g. 413), not an upstream failure
            return error;
        }
        log.warn("{} service could not be reached: {}: {}", service, error.getClass().getName(), error.getMessage());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The " + service + " service is unavailable; retry later");
    }

    private static boolean isTimeout(Throwable error) {
        if (error instanceof ResponseStatusException rse && rse.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof org.springframework.cloud.gateway.support.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // outside the route filters (ordered 1..n) and the routing filter
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
