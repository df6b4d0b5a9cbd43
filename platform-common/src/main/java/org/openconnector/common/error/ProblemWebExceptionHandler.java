package org.openconnector.common.error;

import org.openconnector.common.web.RequestIds;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catches what never reaches a controller (no route, a filter's rejection) and answers it in the
 * same problem+json shape. Ordered before Spring Boot's HTML/JSON error handler, which would
 * otherwise answer with its own body.
 */
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private final JsonMapper json;

    public ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = ProblemMapper.toProblem(error)
                .withInstance(exchange.getRequest().getPath().value(), RequestIds.of(exchange));
        return write(response, problem, json);
    }

    public static Mono<Void> write(ServerHttpResponse response, Problem problem, JsonMapper json) {
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(buffer));
    }
}
