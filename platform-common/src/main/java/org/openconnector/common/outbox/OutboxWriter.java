package org.openconnector.common.outbox;

import org.openconnector.common.events.CloudEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

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
                .then();
    }
}
