package org.openconnector.connector.calllog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.openconnector.common.events.Topics;
import org.openconnector.connector.call.CallOutcome;
import org.openconnector.connector.call.CallSpec;
import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Hands call logs to Kafka without ever slowing a call: the call path only offers the log to a
 * bounded buffer; one background subscription publishes from it on a blocking-friendly thread
 * (a Kafka send may block while the broker is away). A full buffer drops logs and counts them.
 */
@Component
public class CallLogPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallLogPublisher.class);
    private static final int PUBLISH_GROUP = 64;
    /** How long a call log may wait for others to share its produce request. */
    private static final java.time.Duration PUBLISH_WINDOW = java.time.Duration.ofMillis(50);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final CallLogProperties props;
    private final Sinks.Many<CallLog> buffer;
    private final Counter dropped;
    private volatile Disposable running;

    public CallLogPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, CallLogProperties props, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.props = props;
        this.buffer = Sinks.many().unicast().onBackpressureBuffer(new java.util.concurrent.ArrayBlockingQueue<>(props.buffer()));
        this.dropped = meters.counter("openconnector.call_logs.dropped");
    }

    public void publish(CallOutcome o) {
        offer(new CallLog(UUID.randomUUID(), o.sourceId(), o.endpoint(), o.url(), o.method(), o.statusCode(),
                json.valueToTree(o.requestHeaders()), body(o.requestBody()), json.valueToTree(o.redactor().headers(o.responseHeaders())),
                o.logBody() || o.statusCode() >= 400
                        ? body(o.redactor().text(o.responseBody() == null ? null : new String(o.responseBody(), StandardCharsets.UTF_8)))
                        : null,
                o.durationMs(), null, now()));
    }

    public void publishFailure(UUID sourceId, CallSpec spec, OutboundRequest request, Redactor redactor, Throwable error, long ms) {
        offer(new CallLog(UUID.randomUUID(), sourceId, spec.endpoint(), redactor.url(request.fullUrl()), request.method().name(), null,
                json.valueToTree(redactor.headers(request.headers())), null, null, null, ms, redactor.text(error.getMessage()), now()));
    }

    // Calls finish on many threads; a sink takes one emitter at a time, and this lock is only held for an enqueue.
    private synchronized void offer(CallLog entry) {
        if (buffer.tryEmitNext(entry).isFailure()) {
            dropped.increment();
        }
    }

    /** A body as stored: truncated to the limit; JSON when it is JSON, else a string. */
    private JsonNode body(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int limit = (int) props.bodyLimit().toBytes();
        if (text.length() > limit) {
            return JsonNodeFactory.instance.stringNode(text.substring(0, limit) + "…[truncated " + (text.length() - limit) + " chars]");
        }
        try {
            return json.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void start() {
        // Logs are sent in small groups, all of a group at once, so that the producer puts them into one
        // request: one send awaited at a time made every call log its own produce request (a paged object
        // stream: one per page), which cost more CPU here and in the broker than the page itself.
        running = buffer.asFlux()
                .bufferTimeout(PUBLISH_GROUP, PUBLISH_WINDOW)
                .publishOn(Schedulers.boundedElastic())
                .concatMap(group -> Flux.fromIterable(group)
                        .flatMap(entry -> Mono.fromFuture(() -> kafka.send(Topics.CALL_LOGS, entry.sourceId().toString(), json.writeValueAsString(entry)))
                                .onErrorResume(e -> {
                                    log.warn("Call log {} not published: {}", entry.id(), e.toString());
                                    return Mono.empty();
                                }), PUBLISH_GROUP)
                        .then(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
