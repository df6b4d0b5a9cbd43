package org.openconnector.common.outbox;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells this replica's relay that outbox rows were committed, so it relays them now instead of at
 * its next poll (200 ms by default: most of a webhook's latency budget). {@link OutboxWriter} raises
 * it after the writing transaction commits. It is a hint, not a queue: rows committed by another
 * replica, or while the relay is busy, are picked up by the next cycle or poll, so nothing depends
 * on a signal arriving.
 */
public final class OutboxSignal {

    private final AtomicBoolean raised = new AtomicBoolean();
    private final AtomicReference<Sinks.Empty<Void>> waiter = new AtomicReference<>();

    /** Rows were committed: wakes a waiting relay, or makes its next wait return at once. */
    public void raise() {
        raised.set(true);
        Sinks.Empty<Void> current = waiter.get();
        if (current != null) {
            current.tryEmitEmpty();
        }
    }

    /** Called by the relay before it reads unsent rows: whatever it reads covers what was raised so far. */
    void clear() {
        raised.set(false);
    }

    /** Completes after {@code max}, or as soon as the signal is raised (at once if it was raised since {@link #clear}). */
    Mono<Void> await(Duration max) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> sink = Sinks.empty();
            waiter.set(sink);
            // checked after publishing the sink: a raise() in between either sees the sink or set the flag
            if (raised.get()) {
                return Mono.empty();
            }
            return Mono.firstWithSignal(Mono.delay(max).then(), sink.asMono());
        });
    }
}
