package org.openconnector.event.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The direct hand-offs of one fan-out transaction: the dispatcher slots it reserved, and which of those
 * deliveries the insert actually stored (a redelivered Kafka record stores none). After the commit the
 * stored ones go to the dispatcher and the other slots are given back; after a rollback all are. Used
 * by one fan-out at a time (its pipeline is sequential); settling twice does nothing.
 */
final class HandOffs {

    private final Dispatcher dispatcher;
    private final List<Claimed> reserved = new ArrayList<>();
    private final Map<UUID, String> inserted = new HashMap<>();
    private final AtomicBoolean settled = new AtomicBoolean();

    HandOffs(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A slot was reserved for this delivery (body still unknown). */
    void reserved(Claimed c) {
        reserved.add(c);
    }

    /** The insert stored this row; {@code body} is its stored payload when it was inserted leased. */
    void inserted(UUID id, String body) {
        if (body != null) {
            inserted.put(id, body);
        }
    }

    void committed() {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        Instant now = Instant.now();
        for (Claimed c : reserved) {
            String body = inserted.get(c.id());
            if (body == null) {
                dispatcher.unreserve(c.subscriptionId());
            } else {
                dispatcher.handOff(new Claimed(c.id(), c.eventId(), c.subscriptionId(), c.cloudEventId(), c.eventType(), body,
                        c.attempts(), c.callbackUrl(), c.secrets(), c.timeout(), now, c.failing()));
            }
        }
    }

    void rolledBack() {
        if (settled.compareAndSet(false, true)) {
            reserved.forEach(c -> dispatcher.unreserve(c.subscriptionId()));
        }
    }
}
