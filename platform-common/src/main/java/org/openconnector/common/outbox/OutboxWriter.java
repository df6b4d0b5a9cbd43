package org.openconnector.common.outbox;

import org.openconnector.common.events.CloudEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Appends an event to this service's outbox table. Call it inside the same reactive transaction
 * as the state change it describes (e.g. within {@code TransactionalOperator#transactional}): the
 * row then exists exactly when the change does, and {@link OutboxRelay} takes it to Kafka. Once the
 * transaction commits (or at once without one) the {@link OutboxSignal} wakes this replica's relay.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final OutboxSignal signal;
    /** One instance: a transaction keeps its synchronizations in a set, so many appends register it once. */
    private final TransactionSynchronization raiseAfterCommit;

    public OutboxWriter(DatabaseClient db, JsonMapper json, OutboxSignal signal) {
        this.db = db;
        this.json = json;
        this.signal = signal;
        this.raiseAfterCommit = new TransactionSynchronization() {
            @Override
            public Mono<Void> afterCommit() {
                return Mono.fromRunnable(signal::raise);
            }
        };
    }

    /** Appends {@code event} for {@code topic}, keyed by its subject. */
    public Mono<Void> append(String topic, CloudEvent event) {
        return append(topic, event.subject(), event);
    }

    public Mono<Void> append(String topic, String key, CloudEvent event) {
        String payload = json.writeValueAsString(event);
        return db.sql("insert into outbox (event_id, topic, message_key, payload) values (:id, :topic, :key, :payload)")
                .bind("id", event.id())
                .bind("topic", topic)
                .bind("key", key == null ? event.id() : key)
                .bind("payload", payload)
                .then()
                .then(signalWhenCommitted());
    }

    /**
     * Appends many events, each keyed by its subject, in one statement (a window of a sync run, a
     * claimed batch of job runs): one round trip instead of one per event inside the caller's
     * transaction. {@code unnest ... with ordinality} keeps the list's order, so the rows' {@code seq}
     * (the relay's publishing order) follows it.
     */
    public Mono<Void> appendAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent event = events.get(i);
            ids[i] = event.id();
            keys[i] = event.subject() == null ? event.id() : event.subject();
            payloads[i] = json.writeValueAsString(event);
        }
        return db.sql("insert into outbox (event_id, topic, message_key, payload) select t.id, :topic, t.k, t.p "
                        + "from unnest(cast(:ids as text[]), cast(:keys as text[]), cast(:payloads as text[])) "
                        + "with ordinality as t(id, k, p, n) order by t.n")
                .bind("topic", topic).bind("ids", ids).bind("keys", keys).bind("payloads", payloads)
                .then()
                .then(signalWhenCommitted());
    }

    /** Raises the signal after the surrounding transaction commits (never on rollback); without one the row is already committed. */
    private Mono<Void> signalWhenCommitted() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> {
                    if (tx.isSynchronizationActive()) {
                        tx.registerSynchronization(raiseAfterCommit);
                    } else {
                        signal.raise();
                    }
                })
                .onErrorResume(NoTransactionException.class, e -> {
                    signal.raise();
                    return Mono.empty();
                })
                .then();
    }
}
