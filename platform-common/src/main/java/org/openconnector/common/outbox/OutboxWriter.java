package org.openconnector.common.outbox;

import org.openconnector.common.events.CloudEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends an event to this service's outbox table. Call it inside the same reactive transaction
 * as the state change it describes (e.g. within {@code TransactionalOperator#transactional}): the
 * row then exists exactly when the change does, and {@link OutboxRelay} takes it to Kafka. Once the
 * transaction commits (or at once without one) the rows go to the {@link OutboxHandOff}, so the relay
 * need not read their payloads back, and the {@link OutboxSignal} wakes this replica's relay.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final OutboxSignal signal;
    private final OutboxHandOff handOff;
    private final Map<Integer, String> statements = new ConcurrentHashMap<>();

    public OutboxWriter(DatabaseClient db, JsonMapper json, OutboxSignal signal, OutboxHandOff handOff) {
        this.db = db;
        this.json = json;
        this.signal = signal;
        this.handOff = handOff;
    }

    /** Appends {@code event} for {@code topic}, keyed by its subject. */
    public Mono<Void> append(String topic, CloudEvent event) {
        return append(topic, event.subject(), event);
    }

    public Mono<Void> append(String topic, String key, CloudEvent event) {
        String payload = json.writeValueAsString(event);
        String messageKey = key == null ? event.id() : key;
        return db.sql("insert into outbox (event_id, topic, message_key, payload) values (:id, :topic, :key, :payload) returning seq")
                .bind("id", event.id())
                .bind("topic", topic)
                .bind("key", messageKey)
                .bind("payload", payload)
                .map(row -> row.get(0, Long.class)).one()
                .flatMap(seq -> handOffWhenCommitted(List.of(new OutboxRow(seq, topic, messageKey, payload))));
    }

    /**
     * Appends many events, each keyed by its subject (a window of a sync run, a claimed batch of job
     * runs), in a few multi-row inserts instead of a round trip per event. Each payload is bound as a
     * parameter of its own (an array parameter would be escaped into one text literal and parsed back:
     * about a fifth of a storage sync's allocations). A statement holds at most {@link #MAX_ROWS} rows
     * and about {@link #MAX_CHARS} characters of payload, so its buffers stay ordinary allocations in a
     * small heap; row counts are powers of two, so a handful of prepared statements serve every batch.
     * Rows are inserted in list order, so their {@code seq} (the relay's publishing order) follows it.
     */
    public Mono<Void> appendAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<String[]> rows = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            rows.add(new String[]{event.id(), event.subject() == null ? event.id() : event.subject(), json.writeValueAsString(event)});
        }
        List<List<String[]>> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); ) {
            int n = rowsInNextStatement(rows, from);
            statements.add(rows.subList(from, from + n));
            from += n;
        }
        return Flux.fromIterable(statements).concatMap(chunk -> insert(topic, chunk)).collectList()
                .flatMap(inserted -> handOffWhenCommitted(inserted.stream().flatMap(List::stream).toList()));
    }

    static final int MAX_ROWS = 128;
    static final int MAX_CHARS = 200_000;

    /** As many rows as fit {@link #MAX_CHARS} (at least one), at most {@link #MAX_ROWS}, rounded down to a power of two. */
    static int rowsInNextStatement(List<String[]> rows, int from) {
        int n = 0;
        long chars = 0;
        while (from + n < rows.size() && n < MAX_ROWS) {
            chars += rows.get(from + n)[2].length();
            if (n > 0 && chars > MAX_CHARS) {
                break;
            }
            n++;
        }
        return Integer.highestOneBit(n);
    }

    private Mono<List<OutboxRow>> insert(String topic, List<String[]> chunk) {
        // one bindValues: every bind(i, v) copies the spec's whole binding map (quadratic in the row count;
        // 9 % of a storage sync's CPU with 385 parameters a statement)
        List<Object> values = new ArrayList<>(1 + 3 * chunk.size());
        values.add(topic);
        for (String[] row : chunk) {
            values.add(row[0]);
            values.add(row[1]);
            values.add(row[2]);
        }
        Map<String, String[]> byEventId = new HashMap<>(chunk.size() * 2);
        for (String[] row : chunk) {
            byEventId.put(row[0], row);
        }
        // matched by event id: PostgreSQL does not promise RETURNING rows in VALUES order
        return db.sql(statements.computeIfAbsent(chunk.size(), OutboxWriter::insertSql)).bindValues(values)
                .map(r -> {
                    String[] row = byEventId.get(r.get(1, String.class));
                    return new OutboxRow(r.get(0, Long.class), topic, row[1], row[2]);
                })
                .all().collectList();
    }

    /** {@code insert ... values ($2, $1, $3, $4), ($5, $1, $6, $7), ...}: the topic is bound once. */
    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("insert into outbox (event_id, topic, message_key, payload) values ");
        for (int i = 0; i < rows; i++) {
            int p = 2 + 3 * i;
            sql.append(i == 0 ? "" : ", ").append("($").append(p).append(", $1, $").append(p + 1).append(", $").append(p + 2).append(')');
        }
        return sql.append(" returning seq, event_id").toString();
    }

    /**
     * After the surrounding transaction commits (never on rollback; at once without one, the rows are
     * committed already) the rows go to the hand-off and the signal wakes the relay.
     */
    private Mono<Void> handOffWhenCommitted(List<OutboxRow> rows) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> {
                    if (tx.isSynchronizationActive()) {
                        tx.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(() -> committed(rows));
                            }
                        });
                    } else {
                        committed(rows);
                    }
                })
                .onErrorResume(NoTransactionException.class, e -> {
                    committed(rows);
                    return Mono.empty();
                })
                .then();
    }

    private void committed(List<OutboxRow> rows) {
        handOff.offer(rows);
        signal.raise();
    }
}
