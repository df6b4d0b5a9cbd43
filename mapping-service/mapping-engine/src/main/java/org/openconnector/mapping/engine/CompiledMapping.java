package org.openconnector.mapping.engine;

import org.openconnector.mapping.engine.cast.Cast;
import org.openconnector.mapping.engine.cast.Casts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A compiled mapping. Immutable and thread-safe: share one instance between threads and apply it to any
 * number of inputs. Order per object, as in OpenConnector: passThrough copy, mapping (in definition order),
 * unset, cast; then the {@code #} root shortcut.
 * <p>
 * The result may share sub-trees with the input (a value copied by path is not deep-copied unless this mapping
 * writes, unsets or casts below it); call {@code deepCopy()} before mutating one while keeping the other.
 */
public final class CompiledMapping {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    record Entry(String key, DotPath target, ValueSource source, boolean copy) {
        Entry(String key, DotPath target, ValueSource source) {
            this(key, target, source, false);
        }
    }

    record CastEntry(String key, DotPath path, List<Casts.Prepared> steps) {
    }

    private final String name;
    private final boolean passThrough;
    private final List<Entry> entries;
    private final List<DotPath> unset;
    private final List<CastEntry> casts;
    private final boolean needsContext;

    CompiledMapping(String name, boolean passThrough, List<Entry> entries, List<DotPath> unset, List<CastEntry> casts) {
        this.name = name;
        this.passThrough = passThrough;
        this.unset = List.copyOf(unset);
        this.casts = List.copyOf(casts);
        this.entries = entries.stream().map(e -> new Entry(e.key(), e.target(), e.source(), writtenBelow(e.key(), entries))).toList();
        this.needsContext = entries.stream().anyMatch(e -> e.source().needsContext());
    }

    /** True when something later writes under {@code key}, so a value copied there must not be the input's own node. */
    private boolean writtenBelow(String key, List<Entry> all) {
        String prefix = key + ".";
        return all.stream().anyMatch(e -> e.key().startsWith(prefix))
                || unset.stream().anyMatch(p -> p.text().startsWith(prefix))
                || casts.stream().anyMatch(c -> c.key().startsWith(prefix));
    }

    public String name() {
        return name;
    }

    /** Maps one input object. Throws {@link MappingException} naming the key, template or cast that failed. */
    public JsonNode apply(JsonNode input) {
        JsonNode source = input == null ? F.objectNode() : input;
        ObjectNode out = passThrough && source.isObject() ? (ObjectNode) source.deepCopy() : F.objectNode();
        Map<String, Object> context = needsContext ? context(source) : null;
        for (Entry e : entries) {
            try {
                JsonNode value = e.source().resolve(source, context);
                e.target().set(out, e.copy() && value.isContainer() ? value.deepCopy() : value);
            } catch (MappingException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new MappingException(name, e.key(), describe(e) + ex.getMessage(), ex);
            }
        }
        for (DotPath path : unset) {
            path.remove(out);
        }
        for (CastEntry c : casts) {
            applyCasts(c, out);
        }
        return root(out);
    }

    private void applyCasts(CastEntry c, ObjectNode out) {
        JsonNode value = c.path().find(out);
        if (value == null) {
            return;
        }
        for (Casts.Prepared step : c.steps()) {
            try {
                value = step.apply(value, c.key(), out);
            } catch (RuntimeException ex) {
                throw new MappingException(name, c.key(), "cast '" + step.spec() + "' failed: " + ex.getMessage(), ex);
            }
            if (value == Cast.REMOVE) {
                c.path().remove(out);
                return;
            }
            c.path().set(out, value);
        }
    }

    /**
     * OpenConnector's list mode ({@code executeMapping(m, input, true)}): maps every item of {@code input}, or of
     * {@code input.listInput} when present, keeping the item keys (a list gives a list, an object an object).
     * With listInput, the other top-level keys (except {@code value}) are "extra values" added to every item; an
     * item that is not an object, or any item when extras exist, is wrapped as {@code item + {value: item} + extras}.
     */
    public JsonNode applyList(JsonNode input) {
        JsonNode items = input;
        ObjectNode extras = null;
        if (input != null && input.isObject() && input.has("listInput")) {
            items = input.get("listInput");
            extras = ((ObjectNode) input).deepCopy();
            extras.remove(List.of("listInput", "value"));
            extras = extras.isEmpty() ? null : extras;
        }
        if (items == null || !items.isContainer()) {
            return F.arrayNode();
        }
        if (items.isArray()) {
            var result = F.arrayNode();
            for (JsonNode item : items.values()) {
                result.add(apply(wrap(item, extras)));
            }
            return result;
        }
        ObjectNode result = F.objectNode();
        for (Map.Entry<String, JsonNode> item : items.properties()) {
            result.set(item.getKey(), apply(wrap(item.getValue(), extras)));
        }
        return result;
    }

    private static JsonNode wrap(JsonNode item, ObjectNode extras) {
        if (item.isContainer() && extras == null) {
            return item;
        }
        ObjectNode wrapped = F.objectNode();
        if (item.isObject()) {
            wrapped.setAll((ObjectNode) item);
        } else if (item.isArray()) {
            for (int i = 0; i < item.size(); i++) {
                wrapped.set(Integer.toString(i), item.get(i));
            }
        } else {
            wrapped.set("0", item);
        }
        if (!wrapped.has("value")) {
            wrapped.set("value", item);
        }
        if (extras != null) {
            extras.properties().forEach(x -> {
                if (!wrapped.has(x.getKey())) {
                    wrapped.set(x.getKey(), x.getValue());
                }
            });
        }
        return wrapped;
    }

    /** The {@code #} shortcut: an output whose only key is {@code #} becomes that value (a scalar is wrapped in a list). */
    private static JsonNode root(ObjectNode out) {
        if (out.size() != 1 || !out.has("#")) {
            return out;
        }
        JsonNode value = out.get("#");
        if (value.isContainer()) {
            return value;
        }
        return value.isNull() ? F.arrayNode() : F.arrayNode().add(value);
    }

    static Map<String, Object> context(JsonNode input) {
        return input.isObject() ? new JsonView.ObjectView(input) : Map.of();
    }

    private static String describe(Entry e) {
        if (e.source() instanceof ValueSource.Rendered r) {
            return "template '" + r.template().source() + "' failed: ";
        }
        return e.source() instanceof ValueSource.Interpolated i ? "template '" + i.template().source() + "' failed: " : "";
    }
}
