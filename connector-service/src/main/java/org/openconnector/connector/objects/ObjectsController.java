package org.openconnector.connector.objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ProblemMapper;
import org.openconnector.connector.source.SourceService;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * {@code POST /internal/sources/{id}/objects}: the source's objects as NDJSON, one object per line.
 * A first page that fails is a normal problem+json answer. A later page that fails adds one last
 * line {@code {"_error": <problem>}} and then aborts the response, so a reader sees the reason and
 * its HTTP client reports an incomplete body; a complete stream never has an {@code _error} line.
 * Each page goes out as one buffer holding all its lines and is flushed at once (not one write and
 * flush per object).
 */
@RestController
@Tag(name = "Internal")
public class ObjectsController {

    private static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final SourceService sources;
    private final ObjectStream stream;
    private final JsonMapper json;

    public ObjectsController(SourceService sources, ObjectStream stream, JsonMapper json) {
        this.sources = sources;
        this.stream = stream;
        this.json = json;
    }

    @PostMapping(value = "/internal/sources/{id}/objects")
    @Operation(summary = "Internal: stream a source's objects (NDJSON)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE))
    public Mono<Void> objects(@PathVariable UUID id, @RequestBody(required = false) ObjectsRequest body, ServerHttpResponse response) {
        ObjectsRequest request = body == null ? new ObjectsRequest(null, null, null, null, null, null, null) : body;
        return sources.find(id).flatMap(source -> stream.pages(source, request))
                .flatMap(pages -> {
                    response.setStatusCode(HttpStatus.OK);
                    response.getHeaders().setContentType(NDJSON);
                    DataBufferFactory buffers = response.bufferFactory();
                    Flux<DataBuffer> out = pages.map(buffers::wrap)
                            .onErrorResume(e -> Flux.just(buffers.wrap(errorLine(e))).concatWith(Flux.error(e)));
                    return response.writeAndFlushWith(out.map(Mono::just));
                });
    }

    private byte[] errorLine(Throwable e) {
        ObjectNode line = json.createObjectNode();
        line.set("_error", json.valueToTree(ProblemMapper.toProblem(e)));
        byte[] bytes = json.writeValueAsBytes(line);
        byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        return withNewline;
    }
}
