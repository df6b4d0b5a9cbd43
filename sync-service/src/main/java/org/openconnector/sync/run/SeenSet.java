package org.openconnector.sync.run;

/**
 * The origin ids a run has read, kept as 64-bit hashes in an open-addressing table (about 16 bytes
 * per id, so a million objects cost ~16 MiB instead of ~100 MiB of strings) — the deletion pass and
 * the repeat check ask it instead of writing a "seen" mark to every contract.
 *
 * <p>A hash collision can only make an unseen id look seen. The callers are built so that this errs
 * on the safe side: the deletion pass then keeps an object it could have deleted (the next run deletes
 * it), and the repeat check merely looks a contract up once more. At 64 bits the chance for a run of a
 * million objects is about 3 in 10^8.
 */
final class SeenSet {

    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean zeroSeen; // the hash 0 marks empty slots, so it is tracked apart

    /** Adds the id; true when it was not there yet. */
    synchronized boolean add(String originId) {
        long h = hash(originId);
        if (h == EMPTY) {
            boolean added = !zeroSeen;
            zeroSeen = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        if (insert(table, h)) {
            size++;
            return true;
        }
        return false;
    }

    synchronized boolean contains(String originId) {
        long h = hash(originId);
        if (h == EMPTY) {
            return zeroSeen;
        }
        int mask = table.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            if (table[i] == h) {
                return true;
            }
            if (table[i] == EMPTY) {
                return false;
            }
        }
    }

    synchronized int size() {
        return size + (zeroSeen ? 1 : 0);
    }

    private static boolean insert(long[] into, long h) {
        int mask = into.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            if (into[i] == h) {
                return false;
            }
            if (into[i] == EMPTY) {
                into[i] = h;
                return true;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long h : old) {
            if (h != EMPTY) {
                insert(table, h);
            }
        }
    }

    /** 64-bit FNV-1a over the UTF-16 chars, finished with a murmur3 mix so that the low bits spread well. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
