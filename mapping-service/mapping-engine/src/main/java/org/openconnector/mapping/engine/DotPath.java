package org.openconnector.mapping.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * A dot path ({@code a.b.0.c}) split once into segments. As in OpenConnector, {@code &#46;} inside a
 * segment stands for a literal dot, so a key {@code "a.b"} is addressed as {@code a&#46;b}; we decode
 * the path instead of encoding every input key, which gives the same lookups without a copy of the input.
 * Numeric segments index lists; on objects they are ordinary keys.
 */
public final class DotPath {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Guards memory: a typo like {@code items.99999} must not allocate a huge list of nulls. */
    private static final int MAX_PADDING = 1000;

    private final String text;
    private final String[] segments;
    private final int[] indexes;

    private DotPath(String text) {
        this.text = text;
        this.segments = Arrays.stream(text.split("\\.", -1)).map(s -> s.replace("&#46;", ".")).toArray(String[]::new);
        this.indexes = Arrays.stream(segments).mapToInt(DotPath::index).toArray();
    }

    public static DotPath of(String text) {
        return new DotPath(text);
    }

    public String text() {
        return text;
    }

    /** The value at this path, or {@code null} when the path does not exist (a JSON null is returned as NullNode). */
    public JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (int i = 0; i < segments.length && node != null; i++) {
            if (node.isObject()) {
                node = node.get(segments[i]);
            } else if (node.isArray() && indexes[i] >= 0) {
                node = indexes[i] < node.size() ? node.get(indexes[i]) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    /**
     * Writes {@code value} at this path, creating objects (or lists, for a numeric next segment) on the way.
     * A scalar in the way is replaced, as PHP's dot-notation library does. Writing past the end of a list pads
     * it with nulls (PHP would turn such a list into an object; a list with holes is the closer JSON shape).
     */
    public void set(ObjectNode root, JsonNode value) {
        JsonNode container = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = child(container, i);
            if (next == null || !next.isContainer()) {
                next = indexes[i + 1] >= 0 ? NODES.arrayNode() : NODES.objectNode();
                put(container, i, next);
            }
            container = next;
        }
        put(container, segments.length - 1, value);
    }

    /** Removes the value at this path; a missing path is ignored. */
    public void remove(JsonNode root) {
        JsonNode parent = root;
        for (int i = 0; i < segments.length - 1 && parent != null; i++) {
            parent = child(parent, i);
        }
        int last = segments.length - 1;
        if (parent instanceof ObjectNode object) {
            object.remove(segments[last]);
        } else if (parent instanceof ArrayNode array && indexes[last] >= 0 && indexes[last] < array.size()) {
            array.remove(indexes[last]);
        }
    }

    private JsonNode child(JsonNode container, int i) {
        if (container.isObject()) {
            return container.get(segments[i]);
        }
        return indexes[i] >= 0 && indexes[i] < container.size() ? container.get(indexes[i]) : null;
    }

    private void put(JsonNode container, int i, JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(segments[i], value);
            return;
        }
        ArrayNode array = (ArrayNode) container;
        int index = indexes[i];
        if (index < 0) {
            throw new IllegalStateException("cannot use key '" + segments[i] + "' on a list in path " + text);
        }
        if (index - array.size() > MAX_PADDING) {
            throw new IllegalStateException("list index " + index + " in path " + text + " is too far past the end of the list");
        }
        while (array.size() < index) {
            array.addNull();
        }
        if (index == array.size()) {
            array.add(value);
        } else {
            array.set(index, value);
        }
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i)) || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }

    @Override
    public String toString() {
        return text;
    }
}
