package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.PebbleEngine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.Map;

/**
 * Where one mapped value comes from, decided at compile time so applying does no guessing: a string without
 * Twig syntax is a source path, falling back to the literal string when the path is absent from this input
 * (OpenConnector's rule); a string with Twig syntax is a template (always yielding a string); anything else is a
 * literal copied as-is (OpenConnector would render numbers and booleans to strings; we keep them typed).
 */
sealed interface ValueSource {

    JsonNodeFactory F = JsonNodeFactory.instance;

    /** The value for {@code input}; {@code context} gives templates their lazy view of the input. */
    JsonNode resolve(JsonNode input, Map<String, Object> context);

    default boolean needsContext() {
        return false;
    }

    static ValueSource of(JsonNode value, PebbleEngine pebble) {
        if (value.isString()) {
            String text = value.stringValue();
            if (!Template.looksLikeTemplate(text)) {
                return new PathOrLiteral(DotPath.of(text), value);
            }
            Template template = Template.parse(pebble, text);
            Interpolation fast = Interpolation.of(text);
            return fast != null ? new Interpolated(fast, template) : new Rendered(template);
        }
        return new Literal(value.deepCopy());
    }

    record PathOrLiteral(DotPath path, JsonNode literal) implements ValueSource {
        @Override
        public JsonNode resolve(JsonNode input, Map<String, Object> context) {
            JsonNode found = path.find(input);
            return found != null ? found : literal;
        }
    }

    record Rendered(Template template) implements ValueSource {
        @Override
        public JsonNode resolve(JsonNode input, Map<String, Object> context) {
            return F.stringNode(template.render(context));
        }

        @Override
        public boolean needsContext() {
            return true;
        }
    }

    /** A plain-print template rendered by lookups; Pebble only when a printed value is an object or list. */
    record Interpolated(Interpolation fast, Template template) implements ValueSource {
        @Override
        public JsonNode resolve(JsonNode input, Map<String, Object> context) {
            String text = fast.render(input);
            return F.stringNode(text != null ? text : template.render(CompiledMapping.context(input)));
        }
    }

    record Literal(JsonNode value) implements ValueSource {
        @Override
        public JsonNode resolve(JsonNode input, Map<String, Object> context) {
            return value.isContainer() ? value.deepCopy() : value;
        }
    }
}
