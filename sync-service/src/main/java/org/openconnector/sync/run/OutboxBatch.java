package org.openconnector.sync.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Appends many events to the outbox in one statement: the rows {@link OutboxWriter} would write one
 * call at a time (same columns, same payload serialisation, key = subject), so the relay cannot tell
 * them apart. A storage window's events would otherwise cost one round trip each inside its
 * transaction; {@code unnest} keeps their order, so their {@code seq} (the relay's order) follows the list.
 * Call it inside the transaction of the state change the events describe.
 */
final class OutboxBatch {

    private final DatabaseClient db;
    private final JsonMapper json;

    OutboxBatch(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Void> appendAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        int n = events.size();
        String[] ids = new String[n], keys = new String[n], payloads = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent e = events.get(i);
            ids[i] = e.id();
            keys[i] = e.subject() == null ? e.id() : e.subject();
            payloads[i] = json.writeValueAsString(e);
        }
        return db.sql("insert into outbox (event_id, topic, message_key, payload) select t.id, :topic, t.k, t.p "
                        + "from unnest(cast(:ids as text[]), cast(:keys as text[]), cast(:payloads as text[])) with ordinality as t(id, k, p, n) "
                        + "order by t.n")
                .bind("topic", topic).bind("ids", ids).bind("keys", keys).bind("payloads", payloads)
                .then();
    }
}
