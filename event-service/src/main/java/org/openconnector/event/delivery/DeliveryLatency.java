package org.openconnector.event.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a delivery's latency goes, as timer {@code openconnector.events.latency} with tag {@code stage}:
 * {@code relay} from the CloudEvent's {@code time} (written to the producer's outbox) to its Kafka record
 * timestamp (the outbox relay, on the producer's clock); {@code fan-out} from that timestamp to the
 * commit of its deliveries (Kafka consumer and the fan-out transaction); {@code dispatch} from that
 * commit to the receiver's 2xx to a first attempt (claim or direct hand-off, queueing, the request);
 * {@code outcome} from an answer to the commit of its outcome batch (the delivery holds its slot until then).
 * Percentiles or histograms: {@code management.metrics.distribution.*.openconnector.events.latency}.
 */
@Component
public class DeliveryLatency {

    public static final String METRIC = "openconnector.events.latency";

    private final Timer relay;
    private final Timer fanOut;
    private final Timer dispatch;
    private final Timer outcome;

    DeliveryLatency(MeterRegistry meters) {
        relay = timer(meters, "relay");
        fanOut = timer(meters, "fan-out");
        dispatch = timer(meters, "dispatch");
        outcome = timer(meters, "outcome");
    }

    private static Timer timer(MeterRegistry meters, String stage) {
        return Timer.builder(METRIC).tag("stage", stage).description("Delivery latency by stage").register(meters);
    }

    /** One event of a poll whose deliveries just committed. */
    void queued(Instant eventTime, long recordTimestampMillis, Instant committed) {
        if (eventTime != null && recordTimestampMillis > 0) {
            record(relay, recordTimestampMillis - eventTime.toEpochMilli());
        }
        if (recordTimestampMillis > 0) {
            record(fanOut, committed.toEpochMilli() - recordTimestampMillis);
        }
    }

    /** A first attempt was delivered (retries measure the retry schedule, not the pipeline; failures the timeout). */
    void answered(Claimed c, Instant at) {
        if (c.attempts() == 0 && c.queuedAt() != null) {
            record(dispatch, Duration.between(c.queuedAt(), at).toMillis());
        }
    }

    /** An outcome that was answered at {@code answeredNanos} (System.nanoTime) has committed. */
    void written(long answeredNanos) {
        outcome.record(System.nanoTime() - answeredNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void record(Timer timer, long millis) {
        // clocks of different hosts may disagree by a little: a negative stage is counted as 0
        timer.record(Duration.ofMillis(Math.max(0, millis)));
    }
}
