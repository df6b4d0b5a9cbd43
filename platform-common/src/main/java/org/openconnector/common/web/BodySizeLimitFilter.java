package org.openconnector.common.web;

import org.openconnector.common.error.ProblemMapper;
import org.openconnector.common.error.ProblemWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a body whose declared length is over the API limit without buffering it. The body is
 * read and discarded before answering (up to {@link #MAX_DRAIN_FACTOR} times the limit): left
 * unread on a kept-alive connection, it would sit in front of the client's next request, which
 * then stalls until the client gives up. Larger bodies are not drained; that answer closes the
 * connection instead. Chunked bodies without a length are caught by the codecs' max-in-memory
 * size, set to the same limit, which surfaces as a DataBufferLimitException and the same 413.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    static final int MAX_DRAIN_FACTOR = 8;

    private final long maxBytes;
    private final JsonMapper json;

    public BodySizeLimitFilter(long maxBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes && !exchange.getRequest().getPath().value().startsWith("/internal/")) {
            var problem = ProblemMapper.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "The request body has " + length + " bytes; this API accepts at most " + maxBytes, null)
                    .withInstance(exchange.getRequest().getPath().value(), RequestIds.of(exchange));
            if (length > maxBytes * MAX_DRAIN_FACTOR) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return ProblemWebExceptionHandler.write(exchange.getResponse(), problem, json);
            }
            return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then()
                    .onErrorResume(e -> Mono.empty())
                    .then(ProblemWebExceptionHandler.write(exchange.getResponse(), problem, json));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
