package org.openconnector.sync.run;

import org.openconnector.mapping.engine.MappingException;
import org.openconnector.sync.contract.Known;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Decides one object against its contract: unchanged (skipped without mapping), invalid (conditions
 * false), failed (mapping error), or to be written — then it is mapped here, and its target hash
 * computed and its JSON text written, so that this CPU work happens in the deciding stage (ahead of, and
 * beside, the window being written) rather than in the writing stage.
 */
final class Decider {

    /** An object to write: its contract (null when new), the mapped object, its JSON text and its hash. */
    record Pending(Window.Item item, Known contract, JsonNode mapped, String mappedJson, String targetHash, boolean create) {
    }

    private final SyncRun.Setup s;
    private final RunCounts counts;
    private final JsonMapper json;

    Decider(SyncRun.Setup s, RunCounts counts, JsonMapper json) {
        this.s = s;
        this.counts = counts;
        this.json = json;
    }

    /**
     * A contract's last write is current when it happened after the synchronization and both mappings
     * last changed; the lookup compares {@code source_last_synced} with this instant in SQL.
     */
    static Instant freshAfter(SyncRun.Setup s) {
        Instant after = s.sync().updated();
        if (s.mapping() != null && s.mapping().modified().isAfter(after)) {
            after = s.mapping().modified();
        }
        if (s.hashMapping() != null && s.hashMapping().modified().isAfter(after)) {
            after = s.hashMapping().modified();
        }
        return after;
    }

    /** Null for an object that is not to be written (already counted); else what to write. */
    Pending decide(Window.Item item, Known contract) {
        if (!s.force() && contract != null && contract.fresh() && item.hash().equals(contract.sourceHash())) {
            counts.unchanged.incrementAndGet();
            return null;
        }
        long t0 = System.nanoTime();
        try {
            if (s.condition() != null && !s.condition().test(item.object())) {
                counts.invalid.incrementAndGet();
                return null;
            }
            JsonNode mapped = s.mapping() == null ? item.object() : s.mapping().mapping().apply(item.object());
            boolean create = contract == null || contract.targetId() == null;
            if (s.test()) {
                (create ? counts.created : counts.updated).incrementAndGet();
            }
            // serialized once, here: the storage entity and the object's event both carry this text
            return new Pending(item, contract, mapped, json.writeValueAsString(mapped), CanonicalHash.of(mapped), create);
        } catch (MappingException | IllegalArgumentException e) {
            counts.failed.incrementAndGet();
            return null;
        } finally {
            counts.mapNanos.addAndGet(System.nanoTime() - t0);
        }
    }
}
