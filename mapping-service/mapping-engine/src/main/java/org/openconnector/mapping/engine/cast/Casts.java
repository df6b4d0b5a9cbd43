package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The registry of casts by {@link Cast#type()} and the parser of cast specs ({@code int},
 * {@code unsetIfValue==inactive}, {@code countValue:items}, {@code date:yyyy-MM-dd}). An unknown name is an
 * error at compile time (OpenConnector silently ignored it).
 */
public final class Casts {

    private static final Map<String, Cast> BUILT_IN = index(Stream.of(ScalarCasts.all(), EncodingCasts.all(),
            ConditionalCasts.all(), MoneyCasts.all(), List.<Cast>of(new DateCast())).flatMap(List::stream).toList());

    private final Map<String, Cast> casts;

    private Casts(Map<String, Cast> casts) {
        this.casts = casts;
    }

    /** Every cast of OpenConnector's table. */
    public static Casts builtIn() {
        return new Casts(BUILT_IN);
    }

    /** The built-in casts plus {@code extra} (an extra cast with a built-in's type replaces it). */
    public static Casts with(List<Cast> extra) {
        Map<String, Cast> all = new LinkedHashMap<>(BUILT_IN);
        all.putAll(index(extra));
        return new Casts(java.util.Collections.unmodifiableMap(all));
    }

    public Set<String> types() {
        return casts.keySet();
    }

    /** A parsed, ready cast step; {@code spec} is what the mapping wrote, kept for error messages. */
    public record Prepared(String spec, Cast.Step step) {
        public JsonNode apply(JsonNode value, String key, JsonNode output) {
            return step.apply(value, key, output);
        }
    }

    /** Parses one cast spec; throws IllegalArgumentException naming the problem. */
    public Prepared prepare(String rawSpec) {
        String spec = rawSpec.trim();
        int end = 0;
        while (end < spec.length() && (Character.isLetterOrDigit(spec.charAt(end)) || spec.charAt(end) == '?')) {
            end++;
        }
        String name = spec.substring(0, end);
        Cast cast = casts.get(name);
        if (cast == null) {
            throw new IllegalArgumentException("unknown cast '" + spec + "'; known casts: " + String.join(", ", casts.keySet()));
        }
        String rest = spec.substring(end);
        if (rest.isEmpty()) {
            return new Prepared(spec, cast.prepare(null));
        }
        String sep = cast.separator();
        if (sep == null || !rest.startsWith(sep)) {
            throw new IllegalArgumentException("cast '" + spec + "' is malformed: '" + name + "' "
                    + (sep == null ? "takes no argument" : "is written " + name + sep + "<argument>"));
        }
        return new Prepared(spec, cast.prepare(rest.substring(sep.length())));
    }

    private static Map<String, Cast> index(List<Cast> list) {
        Map<String, Cast> map = new LinkedHashMap<>();
        list.forEach(c -> map.put(c.type(), c));
        return java.util.Collections.unmodifiableMap(map);
    }
}
