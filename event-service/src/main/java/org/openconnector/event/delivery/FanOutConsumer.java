package org.openconnector.event.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Duration;

/**
 * The fan-out listener's container. Its listener returns a Mono, so Spring Kafka pauses the consumer
 * until the poll's ack arrives (after the fan-out commit) and only notices that ack when a paused
 * poll returns: with the default 100 ms paused poll every event waited 100-200 ms between Kafka and
 * its deliveries (the fan-out stage in docs/benchmarks.md). A short paused poll costs an idle consumer
 * thread a few cheap wake-ups; a batch ack from another thread does not wake the consumer in manual
 * ack mode, and manual_immediate would commit every record of a poll synchronously.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConsumer {

    static final Duration PAUSED_POLL = Duration.ofMillis(5);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> fanOutPausedPoll() {
        return container -> container.getContainerProperties().setPollTimeoutWhilePaused(PAUSED_POLL);
    }
}
