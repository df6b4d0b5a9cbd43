package org.openconnector.mapping.mappings;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.mapping.engine.CompiledMapping;
import org.openconnector.mapping.engine.MappingCompiler;
import org.openconnector.mapping.engine.MappingDefinitionException;
import org.openconnector.mapping.engine.MappingException;
import org.openconnector.mapping.web.BodyReader;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a mapping on sample data without storing anything. Two request shapes:
 * the seed's {@code {mapping, data}} answers {@code {success, message, data}}; OpenConnector's
 * {@code {inputObject, mapping}} answers {@code {resultObject, isValid, validationErrors}}. {@code mapping} is an
 * inline Mapping object or a stored mapping's id. A mapping that does not compile or fails on the data is a 200
 * with success/isValid false naming the key and reason; only a malformed request is a 400.
 */
@Component
class MappingTester {

    /** A runaway template (a huge loop) must not hold a thread forever. */
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Pattern REFERENCE = Pattern.compile(
            "executeMapping\\(\\s*['\"]([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})['\"]");
    private static final int MAX_REFERENCES = 20;

    private final MappingCompiler compiler;
    private final MappingService mappings;

    MappingTester(MappingCompiler compiler, MappingService mappings) {
        this.compiler = compiler;
        this.mappings = mappings;
    }

    Mono<ObjectNode> test(JsonNode body) {
        BodyReader in = BodyReader.of(body, Set.of("mapping", "data", "inputObject", "schema", "validation"), Set.of());
        boolean openConnector = in.raw("inputObject") != null;
        JsonNode input = openConnector ? in.object("inputObject", true) : in.object("data", true);
        if (openConnector && in.raw("data") != null) {
            in.violation(Violation.invalid("data", "send either data (with success/message/data answers) or inputObject, not both"));
        }
        if (Boolean.TRUE.equals(in.bool("validation")) && in.raw("schema") != null) {
            in.violation(Violation.invalid("schema", "validating the result against an OpenRegister schema is not supported here"));
        }
        JsonNode ref = in.raw("mapping");
        UUID storedId = null;
        if (ref == null) {
            in.violation(Violation.required("mapping"));
        } else if (ref.isString()) {
            storedId = storedId(ref.stringValue(), in);
        } else if (!ref.isObject()) {
            in.violation(new Violation("mapping", "mapping has the wrong type; expected a Mapping object or a mapping id", "type"));
        } else if (!ref.has("mapping")) {
            in.violation(Violation.required("mapping.mapping"));
        }
        in.done();
        Mono<JsonNode> definition = storedId != null ? mappings.find(storedId).map(MappingService::definition) : Mono.just(ref);
        Mono<Outcome> outcome = definition.flatMap(d -> referenced(d).map(found -> compileAndRun(found.isEmpty() ? compiler
                : new MappingCompiler(compiler.casts(), id -> Optional.ofNullable(found.get(id.toLowerCase(java.util.Locale.ROOT)))), d, input)));
        return outcome.subscribeOn(Schedulers.boundedElastic()).timeout(LIMIT)
                .map(o -> openConnector ? o.openConnector() : o.seed());
    }

    private static UUID storedId(String id, BodyReader in) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            in.violation(Violation.invalid("mapping", "mapping must be a Mapping object or the UUID of a stored mapping (got '" + id + "')"));
            return null;
        }
    }

    /**
     * Stored mappings this one calls through {@code executeMapping('<id>', ...)}, loaded before rendering because
     * the engine resolves them synchronously (one level deep; an unknown id fails the run naming the key).
     */
    private Mono<Map<String, CompiledMapping>> referenced(JsonNode definition) {
        Set<UUID> ids = new LinkedHashSet<>();
        collectReferences(definition.get("mapping"), ids);
        return Flux.fromIterable(ids).take(MAX_REFERENCES)
                .flatMap(id -> mappings.find(id).map(m -> Map.entry(id.toString(), compiler.compile(MappingService.definition(m))))
                        .onErrorResume(e -> e instanceof ApiException || e instanceof MappingDefinitionException, e -> Mono.empty()), 4)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static void collectReferences(JsonNode node, Set<UUID> ids) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            Matcher m = REFERENCE.matcher(node.stringValue());
            while (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        node.values().forEach(child -> collectReferences(child, ids));
    }

    private static Outcome compileAndRun(MappingCompiler compiler, JsonNode definition, JsonNode input) {
        try {
            return run(compiler.compile(definition), input);
        } catch (MappingDefinitionException e) {
            return Outcome.failed(e.problems().stream().map(p -> new Outcome.Failure(p.path(), p.message())).toList());
        }
    }

    private static Outcome run(CompiledMapping mapping, JsonNode input) {
        try {
            return new Outcome(mapping.apply(input), List.of());
        } catch (MappingException e) {
            return Outcome.failed(List.of(new Outcome.Failure(e.key(), e.reason())));
        }
    }
}
