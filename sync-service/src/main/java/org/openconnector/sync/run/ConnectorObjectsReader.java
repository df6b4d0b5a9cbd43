package org.openconnector.sync.run;

import org.openconnector.sync.config.Clients;
import org.openconnector.sync.config.SyncProperties;
import org.openconnector.sync.synchronization.Synchronization;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an "api" source through connector-service's {@code POST /internal/sources/{id}/objects}:
 * an NDJSON stream that connector-service pages as we consume (the decoder's demand is our demand),
 * so memory stays flat whatever the source size. connector-service does the paging styles, auth,
 * retries and call logs. A page failing later in the stream arrives as a last {@code _error} line
 * and an aborted body; both end our Flux with an error, never with a short list.
 *
 * <p>The stream does not say whether it stopped at {@code maxPages}; so when sourceConfig sets
 * {@code maxPages}, the fetch is not taken as complete and nothing is deleted after it.
 */
@Component
class ConnectorObjectsReader implements SourceReader {

    private static final int CONNECTOR_MAX_PAGES = 100_000;

    private final WebClient connector;
    private final SyncProperties props;
    private final JsonMapper json;

    ConnectorObjectsReader(@Qualifier("connectorClient") WebClient connector, SyncProperties props, JsonMapper json) {
        this.connector = connector;
        this.props = props;
        this.json = json;
    }

    @Override
    public String type() {
        return "api";
    }

    @Override
    public Flux<JsonNode> objects(Synchronization sync, Fetch fetch) {
        ObjectNode config = sync.sourceConfig();
        boolean bounded = config.hasNonNull("maxPages");
        return connector.post().uri("/internal/sources/{id}/objects", sync.sourceId())
                .accept(MediaType.APPLICATION_NDJSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(request(config))
                .exchangeToFlux(r -> r.statusCode().is2xxSuccessful()
                        ? lines(r.bodyToFlux(DataBuffer.class))
                        : r.bodyToMono(String.class).defaultIfEmpty("").flatMapMany(text -> Flux.error(new RunFailure(
                        "Reading source " + sync.sourceId() + " failed (" + r.statusCode().value() + "): "
                                + ConnectorCalls.abbreviate(text)))))
                // a silent source must not hold the run (and its claim) for ever
                .timeout(props.callTimeout().multipliedBy(2))
                .handle((JsonNode line, reactor.core.publisher.SynchronousSink<JsonNode> sink) -> {
                    if (line.isObject() && line.has("_error")) {
                        sink.error(new RunFailure("Reading source " + sync.sourceId() + " failed part-way: "
                                + line.get("_error").path("detail").asString(line.get("_error").toString())));
                    } else {
                        sink.next(line);
                    }
                })
                .onErrorMap(e -> !(e instanceof RunFailure), e -> new RunFailure("Reading source " + sync.sourceId()
                        + " broke off: " + e.getMessage()))
                .concatWith(Mono.fromRunnable(() -> {
                    if (!bounded) {
                        fetch.markComplete();
                    }
                }));
    }

    /** Each NDJSON line parsed once, from its bytes (see {@link NdjsonLines}). */
    private Flux<JsonNode> lines(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            NdjsonLines lines = new NdjsonLines(json, Clients.MAX_BODY);
            return body.concatMapIterable(lines::next)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(lines.rest())))
                    // buffers still queued when the run stops early go back to the pool
                    .doOnDiscard(DataBuffer.class, org.springframework.core.io.buffer.DataBufferUtils::release);
        });
    }

    /** sourceConfig in connector-service's ObjectsRequest shape (OpenConnector's flat keys mapped to its pagination). */
    private static ObjectNode request(ObjectNode config) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("endpoint", config.path("endpoint").asString(""));
        for (String key : new String[] {"headers", "query"}) {
            if (config.get(key) != null && config.get(key).isObject()) {
                out.set(key, config.get(key));
            }
        }
        for (String key : new String[] {"resultsPosition", "idPosition"}) {
            if (config.hasNonNull(key)) {
                out.put(key, config.get(key).asString());
            }
        }
        ObjectNode pagination = config.get("pagination") instanceof ObjectNode p ? p.deepCopy() : out.objectNode();
        if (config.path("usesPagination").asString("true").equals("false")) {
            pagination.put("type", "none");
        }
        if (config.hasNonNull("paginationQuery") && !pagination.has("param")) {
            pagination.put("param", config.get("paginationQuery").asString());
        }
        out.set("pagination", pagination);
        out.put("maxPages", config.hasNonNull("maxPages") ? config.get("maxPages").asInt() : CONNECTOR_MAX_PAGES);
        return out;
    }
}
