package org.openconnector.mapping.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fast path for the most common template shape, text with plain variable prints ({@code {{ first }} {{ a.b }}}):
 * rendered by direct tree lookups and concatenation instead of a Pebble evaluation. It prints exactly what Pebble
 * prints for scalars (strings as-is, numbers and booleans via toString, missing or null as nothing); when a printed
 * value is an object or list it defers to the parsed Pebble template, so results never differ.
 */
final class Interpolation {

    private static final Pattern PRINT = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|\\d+))*)\\s*}}");
    /** Names Pebble treats specially; templates using them are left to Pebble. */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "none", "not", "and", "or", "is", "in",
            "loop", "_self", "_context", "equals", "contains", "matches");

    private final String[] texts;
    private final DotPath[] paths;

    private Interpolation(String[] texts, DotPath[] paths) {
        this.texts = texts;
        this.paths = paths;
    }

    /** The interpolation for {@code source}, or null when the template uses anything beyond plain prints. */
    static Interpolation of(String source) {
        if (source.contains("{%") || source.contains("{#") || source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        List<DotPath> paths = new ArrayList<>();
        Matcher m = PRINT.matcher(source);
        int at = 0;
        while (m.find()) {
            String text = source.substring(at, m.start());
            if (!plain(text) || RESERVED.contains(m.group(1).split("\\.")[0])) {
                return null;
            }
            texts.add(text);
            paths.add(DotPath.of(m.group(1)));
            at = m.end();
        }
        String tail = source.substring(at);
        if (paths.isEmpty() || !plain(tail)) {
            return null;
        }
        texts.add(tail);
        return new Interpolation(texts.toArray(String[]::new), paths.toArray(DotPath[]::new));
    }

    private static boolean plain(String text) {
        return !text.contains("{{") && !text.contains("}}");
    }

    /** The rendered text, or null when a value is a container (then Pebble renders it). */
    String render(JsonNode input) {
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < paths.length; i++) {
            out.append(texts[i]);
            JsonNode value = paths[i].find(input);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isContainer()) {
                return null;
            }
            if (value.isString()) {
                out.append(value.stringValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                out.append(value.longValue());
            } else if (value.isNumber()) {
                out.append(value.numberValue());
            } else {
                out.append(value.asString());
            }
        }
        return out.append(texts[texts.length - 1]).toString();
    }
}
