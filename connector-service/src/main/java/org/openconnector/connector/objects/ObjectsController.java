package org.openconnector.connector.objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.common.error.ProblemMapper;
import org.openconnector.connector.source.SourceService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * {@code POST /internal/sources/{id}/objects}: the source's objects as NDJSON, one object per line.
 * A first page that fails is a normal problem+json answer. A later page that fails adds one last
 * line {@code {"_error": <problem>}} and then aborts the response, so a reader sees the reason and
 * its HTTP client reports an incomplete body; a complete stream never has an {@code _error} line.
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
    public Mono<ResponseEntity<Flux<JsonNode>>> objects(@PathVariable UUID id, @RequestBody(required = false) ObjectsRequest body) {
        ObjectsRequest request = body == null ? new ObjectsRequest(null, null, null, null, null, null, null) : body;
        return sources.find(id).flatMap(source -> stream.objects(source, request))
                .map(objects -> ResponseEntity.ok().contentType(NDJSON).body(objects.onErrorResume(e -> Flux.just(errorLine(e)).concatWith(Flux.error(e)))));
    }

    private JsonNode errorLine(Throwable e) {
        ObjectNode line = json.createObjectNode();
        line.set("_error", json.valueToTree(ProblemMapper.toProblem(e)));
        return line;
    }
}
