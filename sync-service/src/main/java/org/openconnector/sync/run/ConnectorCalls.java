package org.openconnector.sync.run;

import org.openconnector.sync.config.SyncProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Calls a source through connector-service's {@code POST /internal/sources/{id}/call}: sync-service
 * never holds a source's credentials. The answer is the external system's, whatever its status;
 * connector-service refusing the call (unknown source, SSRF, open breaker) is an error.
 */
@Component
public class ConnectorCalls {

    /** The external answer: status and body (JSON, a string, or null). */
    public record Answer(int statusCode, JsonNode body) {
        public boolean ok() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebClient connector;
    private final SyncProperties props;

    public ConnectorCalls(@Qualifier("connectorClient") WebClient connector, SyncProperties props) {
        this.connector = connector;
        this.props = props;
    }

    public Mono<Answer> call(String sourceId, String method, String endpoint, Map<String, String> query,
                             Map<String, String> headers, JsonNode body) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("method", method);
        request.put("endpoint", endpoint == null ? "" : endpoint);
        request.putPOJO("query", query == null ? Map.of() : query);
        request.putPOJO("headers", headers == null ? Map.of() : headers);
        if (body != null) {
            request.set("body", body);
        }
        request.put("timeoutMs", props.callTimeout().toMillis());
        return connector.post().uri("/internal/sources/{id}/call", sourceId).bodyValue(request)
                .exchangeToMono(r -> r.statusCode().is2xxSuccessful()
                        ? r.bodyToMono(JsonNode.class)
                        : r.bodyToMono(String.class).defaultIfEmpty("").flatMap(text -> Mono.error(new RunFailure(
                        "connector-service refused the call to source " + sourceId + " (" + r.statusCode().value() + "): "
                                + abbreviate(text)))))
                .timeout(props.callTimeout().plusSeconds(5))
                .map(out -> new Answer(out.path("statusCode").asInt(0), out.get("body")));
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
