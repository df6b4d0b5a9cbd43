package org.openconnector.local.process;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShutdownSequenceTest {

    private final List<String> output = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private final ShutdownSequence shutdown = new ShutdownSequence(output::add);

    @Test
    void stopsInReverseOrderOfStartingAndOnlyOnce() {
        shutdown.push("PostgreSQL", () -> stopped.add("PostgreSQL"));
        shutdown.push("Kafka", () -> stopped.add("Kafka"));
        shutdown.push("services", () -> stopped.add("services"));

        shutdown.run();
        shutdown.run();

        assertThat(stopped).containsExactly("services", "Kafka", "PostgreSQL");
        assertThat(shutdown.isDone()).isTrue();
    }

    @Test
    void aFailingStepIsReportedAndTheRestStillStop() {
        shutdown.push("PostgreSQL", () -> stopped.add("PostgreSQL"));
        shutdown.push("Kafka", () -> {
            throw new IllegalStateException("broker hung");
        });

        shutdown.run();

        assertThat(stopped).containsExactly("PostgreSQL");
        assertThat(output).anyMatch(line -> line.contains("could not stop Kafka") && line.contains("broker hung"));
    }

    @Test
    void somethingThatFinishesStartingAfterShutdownIsStoppedAtOnce() {
        shutdown.run();

        assertThatThrownBy(() -> shutdown.push("Kafka", () -> stopped.add("Kafka")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stopped).containsExactly("Kafka");
    }
}
