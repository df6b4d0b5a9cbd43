package org.openconnector.common.outbox;

import org.openconnector.common.events.CloudEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends an event to this service's outbox table. Call it inside the same reactive transaction
 * as the state change it describes (e.g. within {@code TransactionalOperator#transactional}): the
 * row then exists exactly when the change does, and {@link OutboxRelay} takes it to Kafka.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final JsonMapper json;

    public OutboxWriter(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
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
                .then();
    }
}
