package org.openconnector.sync.run;

import org.openconnector.mapping.engine.MappingException;
import org.openconnector.sync.contract.Known;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * One window of source objects on its way through a run: digested in stream order (origin ids,
 * hashes, the run's seen set), then looked up and decided (possibly while the window before is still
 * being written), then written strictly one window after the other.
 *
 * <p>An origin id the run already read in an earlier window is a <em>repeat</em>: its lookup may have
 * run before that earlier window committed, so the writing stage looks it up again and decides it
 * afresh. That is what keeps two pipelined windows from writing (or creating) the same contract twice.
 */
final class Window {

    record Item(String originId, JsonNode object, String hash) {
    }

    final Map<String, Item> items = new LinkedHashMap<>();
    final Set<String> repeats = new HashSet<>();
    /** The contracts found by the window's lookup; set by the deciding stage. */
    Map<String, Known> known = Map.of();
    /** Objects to write, in window order; set by the deciding stage. */
    final List<Decider.Pending> pending = new ArrayList<>();

    private Window() {
    }

    /**
     * Reads the window's objects in order. Every object with an origin id goes into the seen set, also
     * one whose hash mapping fails (it exists at the source, so it must not be deleted at the target).
     * A source listing one object twice in a window: the later one wins, the earlier counts invalid.
     */
    static Window digest(List<JsonNode> objects, SyncRun.Setup s, SeenSet seen, RunCounts counts) {
        long t0 = System.nanoTime();
        Window w = new Window();
        String idPosition = s.sync().sourceConfig().path("idPosition").asString("id");
        for (JsonNode object : objects) {
            String originId = object.isObject() ? Paths.text(object, idPosition) : null;
            if (originId == null) {
                counts.invalid.incrementAndGet();
                continue;
            }
            if (!seen.add(originId) && !w.items.containsKey(originId)) {
                w.repeats.add(originId);
            }
            JsonNode hashed;
            try {
                hashed = s.hashMapping() == null ? object : s.hashMapping().mapping().apply(object);
            } catch (MappingException | IllegalArgumentException e) {
                counts.failed.incrementAndGet();
                continue;
            }
            if (w.items.put(originId, new Item(originId, object, CanonicalHash.of(hashed))) != null) {
                counts.invalid.incrementAndGet();
            }
        }
        counts.mapNanos.addAndGet(System.nanoTime() - t0);
        return w;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }
}
