package org.openconnector.job.action;

import org.openconnector.common.error.Violation;
import org.openconnector.common.net.DestinationPolicy;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that something answers: {@code arguments.url} (a GET, allowed by the destination policy)
 * or {@code arguments.sourceId} (connector-service's source test endpoint). Logs status and latency;
 * anything but a 2xx, a refused destination or no answer in time is an ERROR.
 */
@Component
class PingAction implements JobClass {

    private final WebClient web;
    private final DestinationPolicy destinations;
    private final ActionProperties props;
    private final ServiceUrls services;
    private final JsonMapper json;

    PingAction(WebClient.Builder web, DestinationPolicy destinations, ActionProperties props, ServiceUrls services, JsonMapper json) {
        this.web = web.build();
        this.destinations = destinations;
        this.props = props;
        this.services = services;
        this.json = json;
    }

    @Override
    public String type() {
        return "PingAction";
    }

    @Override
    public List<Violation> validate(JsonNode arguments) {
        List<Violation> violations = new ArrayList<>();
        JsonNode url = arguments.get("url");
        JsonNode sourceId = arguments.get("sourceId");
        if ((url == null || url.isNull()) == (sourceId == null || sourceId.isNull())) {
            violations.add(Violation.invalid("arguments", "PingAction needs exactly one of arguments.url and arguments.sourceId"));
        }
        if (url != null && !url.isNull()) {
            URI uri = url.isString() ? parse(url.asString()) : null;
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                violations.add(Violation.invalid("arguments.url", "arguments.url must be an absolute http(s) URL"));
            }
        }
        if (sourceId != null && !sourceId.isNull() && !(sourceId.isString() && sourceId.asString().matches("[A-Za-z0-9_-]{1,100}"))
                && !sourceId.isIntegralNumber()) {
            violations.add(Violation.invalid("arguments.sourceId", "arguments.sourceId must be a source id"));
        }
        return violations;
    }

    @Override
    public Mono<RunOutcome> run(RunContext run) {
        JsonNode url = run.arguments().get("url");
        Duration timeout = run.executionTime().compareTo(props.pingTimeout()) < 0 ? run.executionTime() : props.pingTimeout();
        if (url != null && !url.isNull()) {
            URI uri = URI.create(url.asString());
            // The policy answers with a refusal problem; the run reports it instead of calling.
            return destinations.check(uri)
                    .flatMap(ok -> call(web.get().uri(uri), "GET " + uri, timeout))
                    .onErrorResume(e -> Mono.just(RunOutcome.failed("Ping failed: " + e.getMessage(), List.of("GET " + uri))));
        }
        String sourceId = run.arguments().get("sourceId").asString();
        URI test = URI.create(services.connector() + "/api/v1/sources/" + sourceId + "/test");
        return call(web.post().uri(test), "POST " + test, timeout)
                .onErrorResume(e -> Mono.just(RunOutcome.failed("Ping of source " + sourceId + " failed: " + e.getMessage(),
                        List.of("POST " + test))));
    }

    private Mono<RunOutcome> call(WebClient.RequestHeadersSpec<?> request, String what, Duration timeout) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return request.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                    .timeout(timeout)
                    .map(status -> outcome(what, status, (System.nanoTime() - started) / 1_000_000));
        });
    }

    private RunOutcome outcome(String what, HttpStatusCode status, long latencyMs) {
        JsonNode result = json.createObjectNode().put("status", status.value()).put("latencyMs", latencyMs);
        List<String> trace = List.of("Running PingAction", what + " -> " + status.value() + " in " + latencyMs + " ms");
        return status.is2xxSuccessful()
                ? RunOutcome.done(RunOutcome.SUCCESS, "Ping answered " + status.value() + " in " + latencyMs + " ms", trace, result)
                : RunOutcome.done(RunOutcome.ERROR, "Ping answered " + status.value() + " in " + latencyMs + " ms", trace, result);
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (Exception e) {
            return null;
        }
    }
}
