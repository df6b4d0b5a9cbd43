package org.openconnector.common.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every exchange a request id: echoed in the response, passed on in the request (so the
 * gateway forwards it), and put in the Reactor context from which context propagation fills the
 * logging MDC on whatever thread the work continues. Also writes one access-log line per exchange
 * (logger {@code org.openconnector.access}; set it to WARN to silence it).
 */
public class RequestIdFilter implements WebFilter, Ordered {

    private static final Logger access = LoggerFactory.getLogger("org.openconnector.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.resolve(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(RequestIds.HEADER, id)).build();
        long start = System.nanoTime();
        return chain.filter(exchange.mutate().request(request).build())
                .doFinally(signal -> logAccess(exchange, id, start))
                .contextWrite(ctx -> ctx.put(RequestIds.CONTEXT_KEY, id));
    }

    private static void logAccess(ServerWebExchange exchange, String id, long start) {
        if (access.isInfoEnabled()) {
            try (var ignored = MDC.putCloseable(RequestIds.CONTEXT_KEY, id)) {
                access.info("{} {} {} {}ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                        exchange.getResponse().getStatusCode() == null ? "-" : exchange.getResponse().getStatusCode().value(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
