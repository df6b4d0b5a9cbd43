package org.openconnector.event.delivery;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Group commit for delivery outcomes: finished sends queue here and are written together by
 * {@link DeliveryOutcomes}, one transaction per batch of up to {@code outcome-batch-size}. A writer
 * woken by the first outcome waits {@code outcome-window} for others to join, then writes batches
 * until the queue is empty, one at a time (the next batch fills while a write runs). At 2,000
 * deliveries/s that is tens of transactions a second instead of thousands. Each caller's Mono
 * completes with the message's new status once its batch has committed, or fails with the batch:
 * the message then keeps its lease and is sent again when the lease runs out.
 */
@Component
class OutcomeBatcher implements DisposableBean {

    private record Pending(Outcome outcome, Sinks.One<String> done) {
    }

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private final DeliveryOutcomes outcomes;
    private final int batchSize;
    private final Disposable writer;

    OutcomeBatcher(DeliveryOutcomes outcomes, DeliveryProperties props) {
        this.outcomes = outcomes;
        this.batchSize = props.outcomeBatchSize();
        Duration window = props.outcomeWindow();
        // a wake-up while a round runs is kept (prefetch 1) and starts the next round; more are dropped
        this.writer = wakeups.asFlux().onBackpressureDrop()
                .concatMap(tick -> Mono.delay(window).then(Mono.defer(this::drain)), 1)
                .subscribe();
    }

    /** Queues an outcome; emits the message's new status (or "deferred") once it is committed. */
    Mono<String> submit(Outcome outcome) {
        return Mono.defer(() -> {
            Sinks.One<String> done = Sinks.one();
            queue.add(new Pending(outcome, done));
            // emitters on several event loops at once would fail as non-serialized and lose the wake-up
            synchronized (wakeups) {
                wakeups.tryEmitNext(Boolean.TRUE);
            }
            return done.asMono();
        });
    }

    /** Writes batches until the queue is empty. */
    private Mono<Void> drain() {
        List<Pending> batch = new ArrayList<>(Math.min(batchSize, 64));
        Pending p;
        while (batch.size() < batchSize && (p = queue.poll()) != null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return write(batch).then(Mono.defer(this::drain));
    }

    private Mono<Void> write(List<Pending> batch) {
        return Mono.defer(() -> outcomes.write(batch.stream().map(Pending::outcome).toList()))
                .doOnSuccess(v -> batch.forEach(p -> p.done().tryEmitValue(p.outcome().status())))
                .onErrorResume(e -> {
                    batch.forEach(p -> p.done().tryEmitError(e));
                    return Mono.empty();
                });
    }

    @Override
    public void destroy() {
        writer.dispose();
    }
}
