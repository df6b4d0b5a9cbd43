package org.openconnector.common.outbox;

import io.micrometer.core.instrument.Counter;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the relay's next batch, oldest first, and gets its payloads. Two ways to find the rows:
 * <ul>
 * <li><b>scan</b>: the unsent rows of the table in {@code seq} order. It walks the index entries of
 * relayed (deleted) rows until vacuum removes them, so during a busy run every scan revisited thousands
 * of them. Used at start, after a failed batch or a dropped hand-off (until a scan finds the table
 * drained), whenever nothing is held, and at least once per poll interval for rows of other replicas.</li>
 * <li><b>held</b>: the rows this replica committed (the {@link OutboxHandOff}), looked up by primary key;
 * only those still unsent are relayed (another replica's relay may have taken some).</li>
 * </ul>
 * Payloads of held rows come from memory, the others' are read from the table. Runs on the relay's
 * single loop, under its advisory lock, so its state needs no further guarding.
 */
final class UnsentRows {

    private final DatabaseClient db;
    private final OutboxHandOff handOff;
    private final int batchSize;
    private final long scanEveryNanos;
    private final Counter fetched;
    private volatile boolean backlog = true;
    private volatile long lastScan;

    UnsentRows(DatabaseClient db, OutboxHandOff handOff, int batchSize, Duration scanEvery, Counter fetched) {
        this.db = db;
        this.handOff = handOff;
        this.batchSize = batchSize;
        this.scanEveryNanos = scanEvery.toNanos();
        this.fetched = fetched;
        this.lastScan = System.nanoTime() - scanEveryNanos;
    }

    /** After a failed batch its rows wait in the table, ahead of anything held: scan until they are gone. */
    void failed() {
        backlog = true;
    }

    /** The next batch in {@code seq} order (empty when nothing is unsent). */
    Mono<List<OutboxRow>> next() {
        if (handOff.dropped()) {
            backlog = true;
        }
        List<Long> held = handOff.first(batchSize);
        boolean scan = backlog || held.isEmpty() || System.nanoTime() - lastScan >= scanEveryNanos;
        if (scan) {
            lastScan = System.nanoTime();
            return db.sql("select seq from outbox where sent_at is null order by seq limit :n")
                    .bind("n", batchSize)
                    .map(r -> r.get(0, Long.class))
                    .all().collectList()
                    .doOnNext(seqs -> backlog = backlog && seqs.size() == batchSize)
                    .flatMap(seqs -> load(seqs, seqs.isEmpty() ? Long.MIN_VALUE : seqs.get(seqs.size() - 1)));
        }
        return db.sql("select seq from outbox where seq = any(:seqs) and sent_at is null order by seq")
                .bind("seqs", held.toArray(Long[]::new))
                .map(r -> r.get(0, Long.class))
                .all().collectList()
                .flatMap(seqs -> load(seqs, held.get(held.size() - 1)));
    }

    /** The rows of {@code seqs}: held payloads from memory, the rest read from the table; forgets held rows up to {@code upTo}. */
    private Mono<List<OutboxRow>> load(List<Long> seqs, long upTo) {
        Map<Long, OutboxRow> held = handOff.take(seqs, upTo);
        if (held.size() == seqs.size()) {
            return Mono.just(inOrder(seqs, held));
        }
        Long[] missing = seqs.stream().filter(seq -> !held.containsKey(seq)).toArray(Long[]::new);
        fetched.increment(missing.length);
        return db.sql("select seq, topic, message_key, payload from outbox where seq = any(:seqs)")
                .bind("seqs", missing)
                .map(r -> new OutboxRow(r.get("seq", Long.class), r.get("topic", String.class),
                        r.get("message_key", String.class), r.get("payload", String.class)))
                .all()
                .collectMap(OutboxRow::seq)
                .map(read -> {
                    Map<Long, OutboxRow> all = new HashMap<>(held);
                    all.putAll(read);
                    return inOrder(seqs, all);
                });
    }

    private static List<OutboxRow> inOrder(List<Long> seqs, Map<Long, OutboxRow> bySeq) {
        List<OutboxRow> ordered = new ArrayList<>(seqs.size());
        for (Long seq : seqs) {
            OutboxRow row = bySeq.get(seq);
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }
}
