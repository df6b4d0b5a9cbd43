package org.openconnector.common.outbox;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;

class OutboxSignalTest {

    @Test
    void waitEndsWhenRaised() {
        OutboxSignal signal = new OutboxSignal();
        StepVerifier.withVirtualTime(() -> signal.await(Duration.ofMinutes(10)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(5))
                .then(signal::raise)
                .verifyComplete();
    }

    @Test
    void raisedBeforeTheWaitMeansNoWait() {
        OutboxSignal signal = new OutboxSignal();
        signal.clear();
        signal.raise();
        StepVerifier.create(signal.await(Duration.ofMinutes(10))).verifyComplete();
    }

    @Test
    void clearedSignalWaitsForTheInterval() {
        OutboxSignal signal = new OutboxSignal();
        signal.raise();
        signal.clear();
        StepVerifier.withVirtualTime(() -> signal.await(Duration.ofMinutes(10)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(10))
                .verifyComplete();
    }
}
