package org.openconnector.mapping.mappings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** The result of a test run, answered in either request shape: a mapped object, or the keys that failed and why. */
record Outcome(JsonNode result, List<Outcome.Failure> failures) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    record Failure(String key, String reason) {
    }

    static Outcome failed(List<Failure> failures) {
        return new Outcome(null, failures);
    }

    ObjectNode seed() {
        ObjectNode out = F.objectNode();
        out.put("success", failures.isEmpty());
        out.put("message", failures.isEmpty() ? "Mapping applied" : String.join("; ",
                failures.stream().map(f -> f.key() + ": " + f.reason()).toList()));
        out.set("data", result);
        if (!failures.isEmpty()) {
            var errors = out.putArray("errors");
            failures.forEach(f -> errors.addObject().put("key", f.key()).put("reason", f.reason()));
        }
        return out;
    }

    ObjectNode openConnector() {
        ObjectNode out = F.objectNode();
        out.set("resultObject", result);
        out.put("isValid", failures.isEmpty());
        ObjectNode errors = out.putObject("validationErrors");
        failures.forEach(f -> errors.put(f.key(), f.reason()));
        return out;
    }
}
