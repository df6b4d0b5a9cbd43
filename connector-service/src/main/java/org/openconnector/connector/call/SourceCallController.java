package org.openconnector.connector.call;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openconnector.connector.source.SourceService;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Calls to a source: the public test call ({@code POST /api/v1/sources/{id}/test}, everything
 * redacted) and the internal call other services write through ({@code POST /internal/sources/{id}/call},
 * not routed by the gateway, the external answer as received).
 */
@RestController
@Tag(name = "Sources")
public class SourceCallController {

    private final SourceService sources;
    private final CallEngine engine;
    private final JsonMapper json;

    public SourceCallController(SourceService sources, CallEngine engine, JsonMapper json) {
        this.sources = sources;
        this.engine = engine;
        this.json = json;
    }

    @PostMapping("/api/v1/sources/{id}/test")
    @Operation(summary = "Make a real call to a source", description = "Answers {request:{method,url,headers}, response:{statusCode,headers,body,durationMs}} with secrets redacted; logged like any call")
    public Mono<ObjectNode> test(@PathVariable UUID id, @RequestBody(required = false) CallRequest body) {
        CallSpec spec = (body == null ? CallRequest.empty() : body).toSpec();
        return sources.find(id).flatMap(source -> engine.call(source, spec)).map(o -> {
            ObjectNode out = json.createObjectNode();
            ObjectNode request = out.putObject("request");
            request.put("method", o.method()).put("url", o.url());
            request.set("headers", json.valueToTree(o.requestHeaders()));
            ObjectNode response = out.putObject("response");
            response.put("statusCode", o.statusCode());
            response.set("headers", json.valueToTree(o.redactor().headers(o.responseHeaders())));
            response.put("body", o.redactor().text(new String(o.responseBody(), StandardCharsets.UTF_8)));
            response.put("durationMs", o.durationMs());
            return out;
        });
    }

    @PostMapping("/internal/sources/{id}/call")
    @Operation(summary = "Internal: call a source", description = "Answers {statusCode, headers, body, durationMs}; body is JSON when the answer is JSON, else a string")
    public Mono<ObjectNode> call(@PathVariable UUID id, @RequestBody(required = false) CallRequest body) {
        CallSpec spec = (body == null ? CallRequest.empty() : body).toSpec();
        return sources.find(id).flatMap(source -> engine.call(source, spec)).map(o -> {
            ObjectNode out = json.createObjectNode();
            out.put("statusCode", o.statusCode());
            out.set("headers", json.valueToTree(o.responseHeaders().toSingleValueMap()));
            out.set("body", bodyNode(o.responseBody()));
            out.put("durationMs", o.durationMs());
            return out;
        });
    }

    private JsonNode bodyNode(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return json.getNodeFactory().stringNode(text);
        }
    }
}
