package org.openconnector.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.openconnector.common.events.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Takes outbox rows to Kafka, oldest first, and deletes them once the broker has acknowledged them
 * ({@code keep-sent} marks them with {@code sent_at} instead; marked rows are never read again). One relay per schema works at a time (a transaction-scoped advisory lock),
 * which keeps per-key order even with several replicas. While the broker is down the rows simply
 * wait; after a restart the relay carries on from the first unsent row. A crash between the
 * broker's acknowledgement and the commit of the row's deletion can publish it again, which is why
 * events carry a stable CloudEvents id and consumers dedupe on it. Between cycles it waits for the
 * {@link OutboxSignal} (rows committed on this replica) or its poll interval, whichever comes first.
 * {@link UnsentRows} picks each batch; the payloads of rows this replica committed come from the
 * {@link OutboxHandOff}, the others' are read from the table.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Map<String, Object> producerConfig;
    private volatile KafkaProducer<String, String> producer;
    private final OutboxProperties props;
    private final OutboxSignal signal;
    private final OutboxHandOff handOff;
    private final UnsentRows unsent;
    private final Counter relayed;
    private final Counter failures;
    private volatile Disposable loop;
    private volatile boolean failing;
    private volatile String lastError;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, Map<String, Object> producerConfig,
                       OutboxProperties props, OutboxSignal signal, OutboxHandOff handOff, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.producerConfig = Map.copyOf(producerConfig);
        this.producer = new KafkaProducer<>(this.producerConfig);
        this.props = props;
        this.signal = signal;
        this.handOff = handOff;
        this.relayed = meters.counter("openconnector.outbox.relayed");
        this.unsent = new UnsentRows(db, handOff, props.batchSize(), props.pollInterval(), meters.counter("openconnector.outbox.fetched"));
        this.failures = meters.counter("openconnector.outbox.failures");
    }

    /** Relays one batch; emits rows sent (0 when another replica holds the lock, -1 when some failed). */
    public Mono<Integer> relayOnce() {
        Mono<Integer> batch = db.sql("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
                .map(row -> row.get(0, Boolean.class)).one()
                .filter(Boolean::booleanValue)
                // cleared before the read: a commit after this point raises it again and gets a cycle of its own
                .doOnNext(locked -> signal.clear())
                .flatMap(locked -> unsent.next())
                .flatMap(this::publishAndMark)
                .defaultIfEmpty(0);
        return tx.transactional(batch);
    }

    private Mono<Integer> publishAndMark(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0);
        }
        // send() may block on metadata while the broker is away: keep it off the event loop.
        return Mono.fromCallable(() -> rows.stream().map(this::send).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                                .handle((ok, err) -> futures))
                        .timeout(props.sendTimeout()))
                .flatMap(futures -> mark(rows, futures));
    }

    private CompletableFuture<Void> send(OutboxRow row) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        KafkaProducer<String, String> producer = this.producer;
        if (producer == null) {
            done.completeExceptionally(new IllegalStateException("outbox relay is stopped"));
            return done;
        }
        var record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private Mono<Integer> mark(List<OutboxRow> rows, List<CompletableFuture<Void>> futures) {
        List<Long> sent = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        String error = null;
        for (int i = 0; i < rows.size(); i++) {
            Long seq = rows.get(i).seq();
            if (futures.get(i).isCompletedExceptionally()) {
                failed.add(seq);
                error = error != null ? error : futures.get(i).handle((v, e) -> String.valueOf(e.getMessage())).join();
            } else {
                sent.add(seq);
            }
        }
        relayed.increment(sent.size());
        // Acknowledged rows are deleted (Kafka holds the event now): marking them would write a new version
        // of the whole row, payload included, for the table to carry until vacuum - 1-2 s of PostgreSQL CPU
        // per 100,000 events of 1.2 KB, against a fraction of that for a delete.
        Mono<Void> markSent = sent.isEmpty() ? Mono.empty() : db.sql(props.keepSent()
                        ? "update outbox set sent_at = now(), attempts = attempts + 1 where seq = any(:seqs)"
                        : "delete from outbox where seq = any(:seqs)")
                .bind("seqs", sent.toArray(Long[]::new)).then();
        Mono<Void> markFailed = failed.isEmpty() ? Mono.empty() : db.sql("update outbox set attempts = attempts + 1, last_error = :err where seq = any(:seqs)")
                .bind("err", error).bind("seqs", failed.toArray(Long[]::new)).then();
        if (!failed.isEmpty()) {
            unsent.failed();
            lastError = failed.size() + " outbox rows not acknowledged: " + error;
        }
        // A partial failure still commits what was acknowledged; -1 tells the loop to back off.
        return markSent.then(markFailed).thenReturn(failed.isEmpty() ? sent.size() : -1);
    }

    private Mono<Void> cycle() {
        return Mono.defer(this::relayOnce)
                .flatMap(n -> n < 0 ? Mono.error(new IllegalStateException(lastError)) : Mono.just(n))
                .map(n -> {
                    if (failing) {
                        log.info("Outbox relay recovered; publishing again");
                        failing = false;
                    }
                    // a full batch, or rows still held, go on at once
                    return n == props.batchSize() || (n > 0 && handOff.size() > 0) ? Duration.ZERO : props.pollInterval();
                })
                .onErrorResume(e -> {
                    unsent.failed();
                    failures.increment();
                    if (!failing) {
                        log.warn("Outbox relay cannot publish, rows wait and are retried: {}", e.toString());
                        failing = true;
                    }
                    return Mono.just(props.retryBackoff());
                })
                .flatMap(this::pause);
    }

    /**
     * A full batch goes on at once; otherwise wait for the signal or the poll interval, but at least
     * {@code min-gap}, so a stream of small commits is relayed in batches rather than a cycle per commit.
     * After a failure the backoff is waited out whatever the signal says.
     */
    private Mono<Void> pause(Duration pause) {
        if (pause.isZero()) {
            return Mono.empty();
        }
        if (failing || props.minGap().compareTo(pause) >= 0) {
            return Mono.delay(pause).then();
        }
        Mono<Void> gap = props.minGap().isZero() ? Mono.empty() : Mono.delay(props.minGap()).then();
        return gap.then(signal.await(pause.minus(props.minGap())));
    }

    /** Rows marked sent (by {@code keep-sent}, or by an older version) are dropped once it is off. */
    private Mono<Void> pruneSent() {
        if (props.keepSent()) {
            return Mono.empty();
        }
        return db.sql("delete from outbox where sent_at is not null").then()
                .onErrorResume(e -> {
                    log.warn("Could not prune outbox rows marked sent; they are kept: {}", e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public synchronized void start() {
        if (producer == null) {
            // Started again after a stop (e.g. a paused test context, or a lifecycle restart).
            producer = new KafkaProducer<>(producerConfig);
        }
        if (props.enabled() && loop == null) {
            loop = pruneSent().thenMany(Flux.defer(this::cycle).repeat()).subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        Disposable current = loop;
        loop = null;
        if (current != null) {
            current.dispose();
        }
        KafkaProducer<String, String> closing = producer;
        producer = null;
        if (closing != null) {
            closing.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return producer != null && (loop != null || !props.enabled());
    }

    @Override
    public int getPhase() {
        // Start after the web server and stop before the connection pool goes away.
        return Integer.MAX_VALUE - 100;
    }
}
