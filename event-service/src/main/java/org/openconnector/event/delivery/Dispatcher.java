package org.openconnector.event.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.openconnector.common.crypto.SecretCipher;
import org.openconnector.common.net.DestinationPolicy;
import org.openconnector.event.subscription.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries. Fresh deliveries to a subscription with room here are handed over directly
 * by the fan-out that inserted them already leased ({@link #reserve}, {@link #handOff}); everything
 * else (full or resting subscriptions, scheduled or retried messages, leases of a replica that died)
 * is claimed by a poll loop (on a timer, and woken when deliveries are queued or a slot frees) that
 * takes at most as many messages as this replica has free slots. Both feed one long-lived pipeline
 * that runs up to {@code maxConcurrency} sends at once. The destination policy is checked again
 * before every send: DNS may point somewhere else than at save time.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryClaims claims;
    private final WebhookSender sender;
    private final OutcomeBatcher outcomes;
    private final RetryPolicy retries;
    private final DestinationPolicy destinations;
    private final SecretCipher cipher;
    private final DeliveryProperties props;
    private final MeterRegistry meters;
    private final ReceiverBreakers breakers;
    private final DeliveryLatency latency;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Deliveries in flight (or reserved for a hand-off) per subscription on this replica, until their outcome is
     * written: the same span as their lease, which is what the claim counts. Freeing the slot at the receiver's
     * answer instead let hand-offs keep a busy subscription's lease count at the limit, so the deliveries
     * left to the claim waited seconds (measured: p99 5.4 s in the hanging-receiver bench).
     */
    private final Map<UUID, AtomicInteger> bySubscription = new ConcurrentHashMap<>();
    private final Set<UUID> leased = ConcurrentHashMap.newKeySet();

    private volatile Sinks.Many<Claimed> queue;
    /** The claim loop and fan-out commits both emit into the queue: a unicast sink wants one emitter at a time. */
    private final Object emitting = new Object();
    private final Counter handedOff;
    private final Counter claimed;
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private volatile Disposable loop;
    private volatile Disposable workers;

    Dispatcher(DeliveryClaims claims, WebhookSender sender, OutcomeBatcher outcomes, RetryPolicy retries,
               DestinationPolicy destinations, SecretCipher cipher, DeliveryProperties props, MeterRegistry meters, ReceiverBreakers breakers,
               DeliveryLatency latency) {
        this.claims = claims;
        this.sender = sender;
        this.outcomes = outcomes;
        this.retries = retries;
        this.destinations = destinations;
        this.cipher = cipher;
        this.props = props;
        this.meters = meters;
        this.breakers = breakers;
        this.latency = latency;
        // how sends were started: handed over by the fan-out that queued them, or claimed from the table
        this.handedOff = meters.counter("openconnector.events.dispatched", "path", "direct");
        this.claimed = meters.counter("openconnector.events.dispatched", "path", "claim");
    }

    /** Asks for a poll now; wakeups while one runs coalesce into a single next poll. */
    public void wake() {
        wakeups.tryEmitNext(Boolean.TRUE);
    }

    /**
     * Takes a slot for handing a fresh delivery to this subscription straight to a send: only while this
     * replica sends, has a free slot, the subscription has fewer than {@code perSubscription} in flight
     * here and its breaker is closed. A true must be followed by {@link #handOff} or {@link #unreserve}.
     */
    boolean reserve(UUID subscriptionId) {
        if (loop == null || !breakers.admits(subscriptionId)) {
            return false;
        }
        if (inFlight.incrementAndGet() > props.maxConcurrency()) {
            inFlight.decrementAndGet();
            return false;
        }
        AtomicInteger n = bySubscription.computeIfAbsent(subscriptionId, k -> new AtomicInteger());
        if (n.incrementAndGet() > props.perSubscription()) {
            n.decrementAndGet();
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a reserved slot whose delivery was not inserted (rolled back, or already queued before). */
    void unreserve(UUID subscriptionId) {
        bySubscription.get(subscriptionId).decrementAndGet();
        inFlight.decrementAndGet();
    }

    /** Sends a delivery its fan-out committed already leased, into a slot taken by {@link #reserve}. */
    void handOff(Claimed c) {
        leased.add(c.id());
        handedOff.increment();
        enqueue(c);
    }

    private void enqueue(Claimed c) {
        boolean queued;
        synchronized (emitting) {
            Sinks.Many<Claimed> q = queue;
            // unicast + unbounded buffer: only fails if the pipeline is gone (shutdown), then the lease expires
            queued = q != null && q.tryEmitNext(c).isSuccess();
        }
        if (!queued) {
            leased.remove(c.id());
            unreserve(c.subscriptionId());
        }
    }

    private Mono<Void> drain() {
        int free = props.maxConcurrency() - inFlight.get();
        if (free <= 0) {
            return Mono.empty();
        }
        int limit = DeliveryClaims.claimSize(Math.min(free, props.batchSize()));
        return claims.claim(limit, breakers.resting())
                .doOnNext(c -> {
                    inFlight.incrementAndGet();
                    bySubscription.computeIfAbsent(c.subscriptionId(), k -> new AtomicInteger()).incrementAndGet();
                    leased.add(c.id());
                    claimed.increment();
                    enqueue(c);
                })
                .count()
                .flatMap(n -> n == limit ? drain() : Mono.empty());
    }

    private Mono<Void> deliver(Claimed c) {
        Mono<String> outcome = breakers.tryAcquire(c.subscriptionId())
                ? Mono.defer(() -> attempt(c))
                        .onErrorResume(e -> Mono.just(AttemptResult.failed(Instant.now(), 0, e)))
                        .doOnNext(result -> {
                            breakers.record(c.subscriptionId(), result);
                            if (result.delivered()) {
                                latency.answered(c, Instant.now());
                            }
                        })
                        .doOnCancel(() -> breakers.release(c.subscriptionId()))
                        .flatMap(result -> {
                            long answered = System.nanoTime();
                            return outcomes.submit(Outcome.of(c, result, retries)).doOnNext(s -> latency.written(answered));
                        })
                // the receiver's breaker is open: no request, no attempt spent, the message waits
                : outcomes.submit(Outcome.deferred(c, breakers.deferral(c.subscriptionId())));
        return outcome
                .doOnNext(status -> meters.counter("openconnector.events.deliveries", "status", status).increment())
                .onErrorResume(e -> {
                    log.warn("Could not record the attempt of delivery {}; its lease expires and it is sent again: {}", c.id(), e.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    leased.remove(c.id());
                    unreserve(c.subscriptionId());
                    wake();
                })
                .then();
    }

    private Mono<AttemptResult> attempt(Claimed c) {
        URI url = URI.create(c.callbackUrl());
        byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
        String webhookId = c.id().toString();
        List<String> secrets = c.secrets().stream().map(cipher::decrypt).toList();
        return destinations.check(url).then(Mono.defer(() -> {
            long timestamp = Instant.now().getEpochSecond();
            String signature = WebhookSignature.sign(webhookId, timestamp, body, secrets);
            return sender.send(url, webhookId, timestamp, signature, body, c.timeout());
        }));
    }

    @Override
    public void start() {
        if (!props.enabled() || loop != null) {
            return;
        }
        queue = Sinks.many().unicast().onBackpressureBuffer();
        workers = queue.asFlux().flatMap(this::deliver, props.maxConcurrency()).subscribe();
        loop = Flux.merge(Flux.interval(props.pollInterval()).map(t -> Boolean.TRUE), wakeups.asFlux())
                .onBackpressureDrop()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("Claiming due deliveries failed, trying again at the next poll: {}", e.toString());
                    return Mono.empty();
                }).then(props.claimGap().isZero() ? Mono.empty() : Mono.delay(props.claimGap()).then()), 1)
                .subscribe();
    }

    /**
     * Stops claiming, cancels what is in flight and hands those leases back, so a restarted
     * replica (or another one) resends them at once instead of after the lease runs out.
     */
    @Override
    public void stop(Runnable callback) {
        // snapshot first: cancelling the sends removes them from the set
        UUID[] ids = leased.toArray(UUID[]::new);
        stop();
        claims.release(ids)
                .timeout(java.time.Duration.ofSeconds(5))
                .onErrorResume(e -> {
                    log.warn("Could not hand back {} delivery leases; they expire by themselves: {}", ids.length, e.toString());
                    return Mono.empty();
                })
                .doFinally(s -> callback.run())
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable l = loop;
        loop = null;
        if (l != null) {
            l.dispose();
        }
        // In-flight sends are cancelled; their leases expire and another replica (or the next start) resends them.
        Disposable w = workers;
        workers = null;
        if (w != null) {
            w.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
