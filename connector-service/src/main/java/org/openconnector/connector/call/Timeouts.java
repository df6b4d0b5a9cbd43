package org.openconnector.connector.call;

import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * The limits of one call: the source's {@code configuration.connect_timeout} / {@code timeout}
 * (seconds, Guzzle's names) over the service defaults; a caller may only shorten the response timeout.
 */
record Timeouts(Duration connect, Duration response) {

    static Timeouts of(ResolvedSource source, CallSpec spec, CallProperties props) {
        Duration connect = seconds(source.configuration().get("connect_timeout"), props.connectTimeout());
        Duration response = seconds(source.configuration().get("timeout"), props.responseTimeout());
        if (spec.timeoutMs() != null && spec.timeoutMs() > 0 && spec.timeoutMs() < response.toMillis()) {
            response = Duration.ofMillis(spec.timeoutMs());
        }
        return new Timeouts(connect, response);
    }

    Duration total() {
        return connect.plus(response);
    }

    private static Duration seconds(JsonNode value, Duration fallback) {
        if (value == null || !value.isNumber() || value.asDouble() <= 0) {
            return fallback;
        }
        return Duration.ofMillis((long) (value.asDouble() * 1000));
    }
}
