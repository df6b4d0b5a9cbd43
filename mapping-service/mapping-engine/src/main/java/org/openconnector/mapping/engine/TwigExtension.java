package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Twig filters and functions OpenConnector mapping templates use that Pebble lacks:
 * {@code json_encode}, {@code json_decode}, {@code b64enc}, {@code b64dec}, {@code slugify}, {@code url_encode},
 * {@code keys}, and the functions {@code generateUuid()} and {@code executeMapping(mapping, input, list)}.
 * {@code callSource} and the OpenRegister file helpers are not offered: a template must not make network calls.
 */
final class TwigExtension extends AbstractExtension {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final MappingCompiler compiler;

    TwigExtension(MappingCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "json_encode", filter(v -> JSON.writeValueAsString(JsonView.toNode(v))),
                "json_decode", filter(v -> v == null ? null : JsonView.of(JSON.readTree(String.valueOf(v)))),
                "b64enc", filter(v -> Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.UTF_8))),
                "b64dec", filter(v -> new String(Base64.getDecoder().decode(text(v).trim()), StandardCharsets.UTF_8)),
                "slugify", filter(v -> Slug.of(text(v))),
                "url_encode", filter(v -> URLEncoder.encode(text(v), StandardCharsets.UTF_8).replace("+", "%20")),
                "keys", filter(v -> v instanceof Map<?, ?> m ? new ArrayList<>(m.keySet()) : List.of()));
    }

    @Override
    public List<io.pebbletemplates.pebble.extension.NodeVisitorFactory> getNodeVisitors() {
        return List.of(new TwigTruthiness());
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "generateUuid", function(List.of(), args -> UUID.randomUUID().toString()),
                "executeMapping", function(List.of("mapping", "input", "list"), this::executeMapping));
    }

    private Object executeMapping(Map<String, Object> args) {
        Object ref = args.get("mapping");
        CompiledMapping mapping = ref instanceof Map<?, ?> || ref instanceof JsonNode
                ? compiler.compile(JsonView.toNode(ref))
                : compiler.resolve(String.valueOf(ref));
        JsonNode input = JsonView.toNode(args.get("input"));
        boolean list = Boolean.TRUE.equals(args.get("list"));
        return JsonView.of(list ? mapping.applyList(input) : mapping.apply(input));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Filter filter(java.util.function.Function<Object, Object> body) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int line) {
                return body.apply(input);
            }
        };
    }

    private static Function function(List<String> names, java.util.function.Function<Map<String, Object>, Object> body) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return names;
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx, int line) {
                return body.apply(args);
            }
        };
    }
}
