package org.openconnector.common.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Makes a Kafka consumer's side effect happen once per message id, although Kafka (and the
 * outbox relay) deliver at least once. The processed-message row and the side effect commit in
 * one transaction: a redelivery after a crash before the commit redoes the work, a redelivery
 * after it finds the row and does nothing.
 */
public class IdempotentConsumer {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public IdempotentConsumer(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Runs {@code work} in a transaction unless {@code consumer} already processed {@code messageId};
     * emits the work's result, or nothing for a duplicate.
     */
    public <T> Mono<T> once(String consumer, String messageId, Mono<T> work) {
        Mono<T> guarded = db.sql("insert into processed_message (consumer, message_id) values (:c, :m) on conflict do nothing")
                .bind("c", consumer).bind("m", messageId)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted > 0 ? work : Mono.empty());
        return tx.transactional(guarded);
    }
}
