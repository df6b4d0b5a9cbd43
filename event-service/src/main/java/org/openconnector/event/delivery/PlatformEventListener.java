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
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * Consumes {@code platform.events} and queues the deliveries each event calls for. The record is
 * acknowledged only when the returned Mono completes, i.e. after the deliveries are committed
 * (ack-mode manual with async acks, see application.yml). A database outage is waited out with
 * backoff rather than failing the record, so nothing is skipped; a record that is not a CloudEvent
 * can never succeed and is logged and skipped.
 */
@Component
class PlatformEventListener {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventListener.class);

    private final FanOut fanOut;
    private final Dispatcher dispatcher;
    private final ObjectReader reader;

    PlatformEventListener(FanOut fanOut, Dispatcher dispatcher, JsonMapper json) {
        this.fanOut = fanOut;
        this.dispatcher = dispatcher;
        // CloudEvents may carry extension attributes: tolerate what the platform's record does not name.
        this.reader = json.readerFor(CloudEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @KafkaListener(id = "event-fan-out", topics = Topics.PLATFORM_EVENTS, groupId = "${spring.application.name}")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        CloudEvent event;
        try {
            event = record.value() == null ? null : reader.readValue(record.value());
        } catch (JacksonException e) {
            event = null;
        }
        if (event == null) {
            log.warn("Skipping {}@{}/{}: not a structured CloudEvent", record.topic(), record.partition(), record.offset());
            return Mono.empty();
        }
        CloudEvent ce = event;
        return Mono.defer(() -> fanOut.fanOut(ce, record.value()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .filter(PlatformEventListener::transientFailure)
                        .doBeforeRetry(s -> log.warn("Cannot queue deliveries for event {} yet, retrying: {}", ce.id(),
                                s.failure().toString())))
                .onErrorResume(e -> {
                    // retrying a record the database refuses for good would stop the partition forever
                    log.error("Skipping event {} ({}): its deliveries cannot be stored: {}", ce.id(), ce.type(), e.toString());
                    return Mono.empty();
                })
                .doOnNext(queued -> {
                    if (queued > 0) {
                        dispatcher.wake();
                    }
                })
                .then();
    }

    /** Connection trouble and the like pass; a statement the database rejects does not. */
    static boolean transientFailure(Throwable e) {
        return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                || e instanceof CannotCreateTransactionException || e instanceof java.io.IOException
                || e instanceof java.util.concurrent.TimeoutException;
    }
}
