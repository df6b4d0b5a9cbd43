package org.openconnector.common.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows this replica committed, by {@code seq}, held for its relay so that it publishes their payloads
 * from memory instead of reading them back from the table (for a storage sync that was a 1.3 KB text
 * per object decoded, sent and decoded again). It is a cache, never the source of truth: the relay still
 * lists the unsent rows in the table, oldest first, and takes from here only the payloads of rows it
 * finds there; anything missing (written by another replica, dropped because this was full, held
 * longer than {@code maxAgeNanos}, or already relayed elsewhere) is read from the table as before.
 */
public final class OutboxHandOff {

    private final int capacity;
    private final long maxAgeNanos;
    private final TreeMap<Long, Held> rows = new TreeMap<>();
    private boolean dropped;

    private record Held(OutboxRow row, long heldSince) {
    }

    public OutboxHandOff(int capacity, long maxAgeNanos) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** Rows whose transaction has committed; those beyond the capacity are left to the table. */
    synchronized void offer(List<OutboxRow> committed) {
        long now = System.nanoTime();
        for (OutboxRow row : committed) {
            if (rows.size() >= capacity) {
                dropped = true;
                return;
            }
            rows.put(row.seq(), new Held(row, now));
        }
    }

    /** The lowest {@code n} held seqs, ascending. */
    synchronized List<Long> first(int n) {
        List<Long> out = new ArrayList<>(Math.min(n, rows.size()));
        for (Long seq : rows.keySet()) {
            if (out.size() == n) {
                break;
            }
            out.add(seq);
        }
        return out;
    }

    /**
     * The held rows among {@code seqs} (unsent rows the relay is about to publish), by seq. Forgets every
     * held row up to {@code upTo} (what the relay looked at is dealt with now: a held row there that is
     * not among {@code seqs} is gone from the table, or is read from it later) and rows held too long.
     */
    synchronized Map<Long, OutboxRow> take(List<Long> seqs, long upTo) {
        Map<Long, OutboxRow> found = new HashMap<>();
        Map<Long, Held> looked = rows.headMap(upTo, true);
        for (Long seq : seqs) {
            Held held = looked.get(seq);
            if (held != null) {
                found.put(seq, held.row());
            }
        }
        looked.clear();
        long now = System.nanoTime();
        while (!rows.isEmpty() && now - rows.firstEntry().getValue().heldSince() > maxAgeNanos) {
            rows.pollFirstEntry();
        }
        return found;
    }

    /** Whether rows were left to the table since the last call (they may be older than what is held). */
    synchronized boolean dropped() {
        boolean was = dropped;
        dropped = false;
        return was;
    }

    synchronized int size() {
        return rows.size();
    }

    /** Seqs held now, ascending (for tests and diagnostics). */
    synchronized List<Long> held() {
        return new ArrayList<>(rows.keySet());
    }
}
