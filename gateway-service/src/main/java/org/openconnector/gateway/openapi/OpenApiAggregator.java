package org.openconnector.gateway.openapi;

import org.openconnector.gateway.config.GatewayProperties;
import org.openconnector.gateway.config.ServiceUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches every service's {@code /v3/api-docs} in parallel, each with a timeout, and merges them
 * into one document ({@link OpenApiMerger}). A service that is down, slow or answers garbage is
 * skipped and named in the result, so the document is always served.
 */
@Component
public class OpenApiAggregator {

    private static final Logger log = LoggerFactory.getLogger(OpenApiAggregator.class);
    private static final String DOCS_PATH = "/v3/api-docs";
    /** Service documents grow with the API; far above the 1 MiB request-body limit on purpose. */
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private final WebClient web;
    private final ServiceUrls urls;
    private final Duration timeout;
    private final OpenApiMerger merger;

    OpenApiAggregator(WebClient.Builder builder, ServiceUrls urls, GatewayProperties props, OpenApiMerger merger) {
        this.web = builder.codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES)).build();
        this.urls = urls;
        this.timeout = props.openapiTimeout();
        this.merger = merger;
    }

    public Mono<ObjectNode> aggregate() {
        Map<String, URI> backends = urls.backends();
        return Flux.fromIterable(backends.entrySet())
                .flatMapSequential(e -> fetch(e.getKey(), e.getValue()), backends.size() + 1)
                .collectList()
                .map(merger::merge);
    }

    private Mono<OpenApiMerger.ServiceDocument> fetch(String name, URI base) {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + DOCS_PATH);
        return web.get().uri(uri).retrieve().bodyToMono(JsonNode.class)
                .timeout(timeout)
                .filter(JsonNode::isObject)
                .map(doc -> new OpenApiMerger.ServiceDocument(name, Optional.of(doc)))
                .onErrorResume(error -> {
                    log.warn("OpenAPI document of {} service unavailable: {}", name, error.toString());
                    return Mono.empty();
                })
                .defaultIfEmpty(new OpenApiMerger.ServiceDocument(name, Optional.empty()));
    }
}
