package org.openconnector.mapping.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only, lazy Java views of a Jackson tree for the template engine: objects look like {@link Map},
 * lists like {@link List}, scalars become String/Number/Boolean/null. Nothing is converted until a template
 * touches it, so rendering {@code {{ user.name }}} against a large input costs a few lookups, not a copy.
 * Pebble resolves attributes on Map and List without reflection.
 */
final class JsonView {

    private JsonView() {
    }

    /** The Java value a template sees for {@code node} ({@code null} for JSON null or a missing node). */
    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return new ObjectView(node);
        }
        if (node.isArray()) {
            return new ArrayView(node);
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : node.numberValue();
        }
        return node.asString();
    }

    /** The tree for a value a template produced (views give back their node, Java values are converted). */
    static JsonNode toNode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof ObjectView view) {
            return view.node;
        }
        if (value instanceof ArrayView view) {
            return view.node;
        }
        if (value instanceof String s) {
            return f.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return org.openconnector.mapping.engine.cast.Php.intNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return f.numberNode(big);
        }
        if (value instanceof BigDecimal dec) {
            return f.numberNode(dec);
        }
        if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            var object = f.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toNode(v)));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            var array = f.arrayNode();
            items.forEach(v -> array.add(toNode(v)));
            return array;
        }
        return f.stringNode(value.toString());
    }

    static final class ObjectView extends AbstractMap<String, Object> {
        final JsonNode node;

        ObjectView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            return key == null ? null : of(node.get(key.toString()));
        }

        @Override
        public boolean containsKey(Object key) {
            return key != null && node.has(key.toString());
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, JsonNode>> it = node.properties().iterator();
                    return new Iterator<>() {
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        public Entry<String, Object> next() {
                            Entry<String, JsonNode> e = it.next();
                            return new SimpleImmutableEntry<>(e.getKey(), of(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    static final class ArrayView extends AbstractList<Object> {
        final JsonNode node;

        ArrayView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            return of(node.get(index));
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
