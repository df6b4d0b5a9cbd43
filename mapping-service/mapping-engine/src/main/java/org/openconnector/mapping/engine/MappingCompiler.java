package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import org.openconnector.mapping.engine.MappingDefinitionException.Problem;
import org.openconnector.mapping.engine.cast.Casts;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a mapping definition ({@code {name, mapping, unset, cast, passThrough}}, OpenConnector's shape; other
 * keys such as {@code id} are ignored) into a reusable, thread-safe {@link CompiledMapping}: target and source
 * paths are split, templates parsed and casts prepared once. Every problem is reported, not only the first.
 * One compiler (and its template engine) is meant to be shared by a whole service.
 */
public final class MappingCompiler {

    /** Upper bound of one template's output, so a runaway loop cannot exhaust memory. */
    static final int MAX_RENDERED_CHARS = 1 << 20;

    private final Casts casts;
    private final MappingResolver resolver;
    private final PebbleEngine pebble;

    public MappingCompiler() {
        this(Casts.builtIn(), MappingResolver.NONE);
    }

    public MappingCompiler(Casts casts, MappingResolver resolver) {
        this.casts = casts;
        this.resolver = resolver;
        this.pebble = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .extension(new TwigExtension(this))
                .autoEscaping(false)              // OpenConnector HTML-decodes Twig's escaped output: the net result is raw text
                .strictVariables(false)           // Twig's default: an undefined variable prints nothing
                .newLineTrimming(true)            // Twig drops the newline after a tag
                .methodAccessValidator(MappingCompiler::onlyLoopVariables) // templates are user input: no Java calls
                .cacheActive(false)               // we keep parsed templates ourselves
                .defaultLocale(Locale.ROOT)
                .maxRenderedSize(MAX_RENDERED_CHARS)
                .build();
    }

    /** Pebble's {@code loop.last} etc. are getters on its loop object; every other Java method stays out of reach. */
    private static boolean onlyLoopVariables(Object object, java.lang.reflect.Method method) {
        return method.getDeclaringClass().getName().equals("io.pebbletemplates.pebble.node.ForNode$LoopVariables");
    }

    public Casts casts() {
        return casts;
    }

    /** Compiles {@code definition}; throws {@link MappingDefinitionException} listing every problem found. */
    public CompiledMapping compile(JsonNode definition) {
        List<Problem> problems = new ArrayList<>();
        if (definition == null || !definition.isObject()) {
            throw new MappingDefinitionException(List.of(new Problem("$", "a mapping must be a JSON object")));
        }
        String name = definition.path("name").isString() ? definition.get("name").stringValue() : null;
        JsonNode pass = definition.get("passThrough");
        if (pass != null && !pass.isNull() && !pass.isBoolean()) {
            problems.add(new Problem("passThrough", "passThrough must be true or false"));
        }
        boolean passThrough = pass != null && pass.isBoolean() && pass.booleanValue();
        List<CompiledMapping.Entry> entries = entries(definition.get("mapping"), problems);
        List<DotPath> unset = unset(definition.get("unset"), problems);
        List<CompiledMapping.CastEntry> castEntries = casts(definition.get("cast"), problems);
        if (!problems.isEmpty()) {
            throw new MappingDefinitionException(problems);
        }
        return new CompiledMapping(name, passThrough, entries, unset, castEntries);
    }

    private List<CompiledMapping.Entry> entries(JsonNode mapping, List<Problem> problems) {
        List<CompiledMapping.Entry> entries = new ArrayList<>();
        if (mapping == null || mapping.isNull()) {
            return entries;
        }
        if (!mapping.isObject()) {
            problems.add(new Problem("mapping", "mapping must be an object of target key to source path, template or literal"));
            return entries;
        }
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.isEmpty()) {
                problems.add(new Problem("mapping", "a target key must not be empty"));
                continue;
            }
            try {
                entries.add(new CompiledMapping.Entry(key, DotPath.of(key), ValueSource.of(value, pebble)));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem("mapping." + key, "template does not parse: " + ex.getMessage()));
            }
        }
        return entries;
    }

    private static List<DotPath> unset(JsonNode unset, List<Problem> problems) {
        List<DotPath> paths = new ArrayList<>();
        if (unset == null || unset.isNull()) {
            return paths;
        }
        if (!unset.isArray()) {
            problems.add(new Problem("unset", "unset must be a list of dot paths"));
            return paths;
        }
        for (int i = 0; i < unset.size(); i++) {
            if (unset.get(i).isString() && !unset.get(i).stringValue().isEmpty()) {
                paths.add(DotPath.of(unset.get(i).stringValue()));
            } else {
                problems.add(new Problem("unset[" + i + "]", "each unset entry must be a non-empty dot path"));
            }
        }
        return paths;
    }

    private List<CompiledMapping.CastEntry> casts(JsonNode cast, List<Problem> problems) {
        List<CompiledMapping.CastEntry> result = new ArrayList<>();
        if (cast == null || cast.isNull()) {
            return result;
        }
        if (!cast.isObject()) {
            problems.add(new Problem("cast", "cast must be an object of dot path to cast name(s)"));
            return result;
        }
        for (Map.Entry<String, JsonNode> e : cast.properties()) {
            String path = "cast." + e.getKey();
            List<String> specs = new ArrayList<>();
            if (e.getValue().isString()) {
                specs.addAll(List.of(e.getValue().stringValue().split(",")));
            } else if (e.getValue().isArray()) {
                e.getValue().values().forEach(v -> specs.add(v.isString() ? v.stringValue() : null));
            }
            if (specs.isEmpty() || specs.contains(null)) {
                problems.add(new Problem(path, "a cast must be a name, comma-separated names or a list of names"));
                continue;
            }
            List<Casts.Prepared> steps = new ArrayList<>();
            for (String spec : specs) {
                try {
                    steps.add(casts.prepare(spec));
                } catch (IllegalArgumentException ex) {
                    problems.add(new Problem(path, ex.getMessage()));
                }
            }
            result.add(new CompiledMapping.CastEntry(e.getKey(), DotPath.of(e.getKey()), steps));
        }
        return result;
    }

    /** For {@code executeMapping(<id>, ...)} inside templates. */
    CompiledMapping resolve(String idOrReference) {
        return resolver.resolve(idOrReference).orElseThrow(() ->
                new IllegalArgumentException("executeMapping: no mapping '" + idOrReference + "'"));
    }
}
