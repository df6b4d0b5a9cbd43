package org.openconnector.gateway.openapi;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** Serves the aggregated OpenAPI document of the whole API; Swagger UI is pointed at it. */
@RestController
@Hidden
class OpenApiController {

    private final OpenApiAggregator aggregator;

    OpenApiController(OpenApiAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ObjectNode> apiDocs() {
        return aggregator.aggregate();
    }
}
