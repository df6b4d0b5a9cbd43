package org.openconnector.connector.call;

import org.openconnector.connector.source.SourceField;
import org.openconnector.connector.source.SourceSecrets;
import org.openconnector.connector.source.StoredSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * A source with its secrets decrypted, for the duration of one call only: never log it, store it
 * or return it. {@code configuration} has OpenConnector's dotted keys ({@code "headers.X": ".."})
 * expanded into objects.
 */
public record ResolvedSource(UUID id, String name, String location, boolean enabled, String auth, String passthrough,
                             JsonNode authConfig, JsonNode configuration, String accept, String locale,
                             String username, String password, String apikey, String jwt, String jwtId, String secret,
                             String authorizationHeader, boolean logBody) {

    public static ResolvedSource of(StoredSource s, SourceSecrets secrets) {
        return new ResolvedSource(s.id(), s.text(SourceField.NAME), s.text(SourceField.LOCATION), s.enabled(),
                s.text(SourceField.AUTH) == null ? "none" : s.text(SourceField.AUTH),
                s.text(SourceField.AUTHORIZATION_PASSTHROUGH_METHOD) == null ? "header" : s.text(SourceField.AUTHORIZATION_PASSTHROUGH_METHOD),
                orEmpty(secrets.reveal(s.get(SourceField.AUTHENTICATION_CONFIG))),
                expandDots(orEmpty(secrets.reveal(s.get(SourceField.CONFIGURATION)))),
                s.text(SourceField.ACCEPT), s.text(SourceField.LOCALE), s.text(SourceField.USERNAME),
                secrets.reveal(s.text(SourceField.PASSWORD)), secrets.reveal(s.text(SourceField.APIKEY)),
                secrets.reveal(s.text(SourceField.JWT)), s.text(SourceField.JWT_ID), secrets.reveal(s.text(SourceField.SECRET)),
                secrets.reveal(s.text(SourceField.AUTHORIZATION_HEADER)),
                // OpenConnector stores response bodies of successful calls only when asked to.
                flag(s.get(SourceField.LOGGING_CONFIG), "logBody") || flag(s.get(SourceField.CONFIGURATION), "logBody"));
    }

    private static boolean flag(JsonNode node, String key) {
        return node != null && node.path(key).asBoolean(false);
    }

    /** A text value of {@code authenticationConfig}, or {@code fallback}. */
    public String authText(String key, String fallback) {
        JsonNode v = authConfig.get(key);
        return v == null || v.isNull() || v.isContainer() ? fallback : v.asString();
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || !node.isObject() ? JsonNodeFactory.instance.objectNode() : node;
    }

    /** {@code {"headers.Accept": "x"}} becomes {@code {"headers": {"Accept": "x"}}} (one level deep is what sources use). */
    static JsonNode expandDots(JsonNode config) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        config.properties().forEach(e -> {
            int dot = e.getKey().indexOf('.');
            if (dot > 0 && dot < e.getKey().length() - 1) {
                String head = e.getKey().substring(0, dot);
                JsonNode existing = out.get(head);
                ObjectNode child = existing instanceof ObjectNode o ? o : out.putObject(head);
                child.set(e.getKey().substring(dot + 1), e.getValue());
            } else if (out.get(e.getKey()) instanceof ObjectNode existing && e.getValue().isObject()) {
                e.getValue().properties().forEach(p -> existing.set(p.getKey(), p.getValue()));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
