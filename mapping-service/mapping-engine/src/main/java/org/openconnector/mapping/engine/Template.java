package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.StringWriter;
import java.util.Map;

/**
 * One parsed Twig template (Pebble, configured for Twig: no auto-escaping since OpenConnector decodes the
 * escaped output anyway, lenient undefined variables, no Java method calls from templates). Parsed once at
 * compile time; rendering is thread-safe.
 */
final class Template {

    private final String source;
    private final PebbleTemplate template;

    private Template(String source, PebbleTemplate template) {
        this.source = source;
        this.template = template;
    }

    /** Parses {@code source}; a syntax error becomes an {@link IllegalArgumentException} with Pebble's reason. */
    static Template parse(PebbleEngine engine, String source) {
        try {
            return new Template(source, engine.getTemplate(TwigSyntax.toPebble(source)));
        } catch (PebbleException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    /** True when {@code value} contains Twig syntax; only such values are rendered, everything else is a path or literal. */
    static boolean looksLikeTemplate(String value) {
        return value.contains("{{") || value.contains("{%") || value.contains("{#");
    }

    String render(Map<String, Object> context) {
        StringWriter out = new StringWriter(Math.max(16, source.length()));
        try {
            template.evaluate(out, context);
        } catch (PebbleException e) {
            throw new IllegalStateException(reason(e), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (MappingException e) {
            throw new IllegalStateException("executeMapping failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a filter failed on its input (bad base64, invalid JSON, ...): report it, never as a bug
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    String source() {
        return source;
    }

    static String reason(PebbleException e) {
        String msg = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null) {
            msg = msg + " (" + e.getCause().getMessage() + ")";
        }
        return e.getLineNumber() != null ? msg + " at line " + e.getLineNumber() : msg;
    }
}
