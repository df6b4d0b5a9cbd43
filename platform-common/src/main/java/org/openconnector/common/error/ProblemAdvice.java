package org.openconnector.common.error;

import org.openconnector.common.web.RequestIds;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one advice of every service: whatever a controller throws becomes problem+json.
 * Errors outside controllers (unknown paths, filters) take {@link ProblemWebExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemAdvice {

    @ExceptionHandler(Throwable.class)
    public ResponseEntity<Problem> handle(Throwable error, ServerWebExchange exchange) {
        Problem problem = ProblemMapper.toProblem(error)
                .withInstance(exchange.getRequest().getPath().value(), RequestIds.of(exchange));
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
