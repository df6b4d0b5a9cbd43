package org.openconnector.sync.run;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicLong;

/** Counters and stage timings of one run, updated from concurrent writes. */
final class RunCounts {

    final AtomicLong found = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong lookupNanos = new AtomicLong();
    final AtomicLong mapNanos = new AtomicLong();
    final AtomicLong writeNanos = new AtomicLong();
    final AtomicLong deleteNanos = new AtomicLong();
    /**
     * Distinct origin ids this run read whose contracts are live (had a target id when looked up, or were
     * created by the run). When it equals the number of live contracts after a complete fetch, every live
     * contract was seen and the deletion pass need not scan them. Repeats are not counted at lookup, so a
     * seen-set collision can only make it smaller (then the pass scans), never hide an unseen contract.
     */
    final AtomicLong seenLive = new AtomicLong();
    volatile String deletion = "not run";

    ObjectNode counts() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("found", found.get());
        out.put("created", created.get());
        out.put("updated", updated.get());
        out.put("unchanged", unchanged.get());
        out.put("deleted", deleted.get());
        out.put("invalid", invalid.get());
        out.put("failed", failed.get());
        return out;
    }

    /** Stage times in ms; writes run concurrently, so their sum can exceed the wall-clock total. */
    ObjectNode stages(long totalMs) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("totalMs", totalMs);
        out.put("contractLookupMs", lookupNanos.get() / 1_000_000);
        out.put("hashAndMapMs", mapNanos.get() / 1_000_000);
        out.put("targetWriteMs", writeNanos.get() / 1_000_000);
        out.put("deleteMs", deleteNanos.get() / 1_000_000);
        out.put("deletion", deletion);
        out.put("objectsPerSecond", totalMs == 0 ? 0 : found.get() * 1000 / totalMs);
        return out;
    }
}
