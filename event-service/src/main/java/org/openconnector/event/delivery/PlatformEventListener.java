package org.openconnector.event.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code platform.events} a poll at a time and queues the deliveries its events call for. The
 * poll's records are acknowledged only when the returned Mono completes, i.e. after the deliveries are committed
 * (ack-mode manual with async acks, see application.yml). A database outage is waited out with
 * backoff rather than failing the record, so nothing is skipped; a record that is not a CloudEvent
 * can never succeed and is logged and skipped.
 */
@Component
class PlatformEventListener {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventListener.class);

    private final FanOut fanOut;
    private final Dispatcher dispatcher;
    private final DeliveryLatency latency;
    private final ObjectReader reader;

    PlatformEventListener(FanOut fanOut, Dispatcher dispatcher, DeliveryLatency latency, JsonMapper json) {
        this.fanOut = fanOut;
        this.dispatcher = dispatcher;
        this.latency = latency;
        // CloudEvents may carry extension attributes: tolerate what the platform's record does not name.
        this.reader = json.readerFor(CloudEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One poll's records at a time: their deliveries are queued in one transaction. */
    @KafkaListener(id = "event-fan-out", topics = Topics.PLATFORM_EVENTS, groupId = "${spring.application.name}", batch = "true")
    Mono<Void> onEvents(List<ConsumerRecord<String, String>> records) {
        List<FanOut.Incoming> batch = new ArrayList<>(records.size());
        long[] timestamps = new long[records.size()];
        for (ConsumerRecord<String, String> record : records) {
            CloudEvent event = parse(record);
            if (event == null) {
                log.warn("Skipping {}@{}/{}: not a structured CloudEvent", record.topic(), record.partition(), record.offset());
            } else {
                timestamps[batch.size()] = record.timestamp();
                batch.add(new FanOut.Incoming(event, record.value()));
            }
        }
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return store(batch)
                // a batch the database refuses for good: store its events one by one, so only the bad one is skipped
                .onErrorResume(e -> batch.size() > 1, e -> Flux.fromIterable(batch).concatMap(one -> store(List.of(one))
                        .onErrorResume(e1 -> {
                            // retrying a record the database refuses for good would stop the partition forever
                            log.error("Skipping event {} ({}): its deliveries cannot be stored: {}", one.event().id(),
                                    one.event().type(), e1.toString());
                            return Mono.just(0L);
                        })).reduce(0L, Long::sum))
                .onErrorResume(e -> {
                    log.error("Skipping event {} ({}): its deliveries cannot be stored: {}", batch.get(0).event().id(),
                            batch.get(0).event().type(), e.toString());
                    return Mono.just(0L);
                })
                .doOnNext(queued -> {
                    if (queued > 0) {
                        dispatcher.wake();
                    }
                    Instant now = Instant.now();
                    for (int i = 0; i < batch.size(); i++) {
                        latency.queued(batch.get(i).event().time(), timestamps[i], now);
                    }
                })
                .then();
    }

    /** A database outage is waited out with backoff; a statement the database rejects fails at once. */
    private Mono<Long> store(List<FanOut.Incoming> batch) {
        return Mono.defer(() -> fanOut.fanOut(batch))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .filter(PlatformEventListener::transientFailure)
                        .doBeforeRetry(s -> log.warn("Cannot queue deliveries for {} events yet, retrying: {}", batch.size(),
                                s.failure().toString())));
    }

    private CloudEvent parse(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : reader.readValue(record.value());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Connection trouble and the like pass; a statement the database rejects does not. */
    static boolean transientFailure(Throwable e) {
        return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                || e instanceof CannotCreateTransactionException || e instanceof java.io.IOException
                || e instanceof java.util.concurrent.TimeoutException;
    }
}
