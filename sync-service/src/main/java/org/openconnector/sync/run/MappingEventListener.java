package org.openconnector.sync.run;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openconnector.common.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Drops a cached compiled mapping when mapping-service announces {@code org.openconnector.mapping.*} for it.
 * Records arrive already reduced to a mapping event's subject (null for every other event) by
 * {@link MappingEventSubjects}, whole polls at a time with one acknowledgement each.
 */
@Component
class MappingEventListener {

    private final MappingCache cache;

    MappingEventListener(MappingCache cache) {
        this.cache = cache;
    }

    // every instance must see every change, so each gets its own group (no offsets worth keeping: the cache starts empty)
    @KafkaListener(topics = Topics.PLATFORM_EVENTS, groupId = "sync-service-mappings-${random.uuid}", batch = "true",
            properties = {"auto.offset.reset=latest",
                    "value.deserializer=org.openconnector.sync.run.MappingEventSubjects",
                    // a run's event stream arrives in a few large fetches rather than thousands of small ones
                    // (each one a poll, an offset commit and a broker request); a mapping edit waits ≤ 200 ms more
                    "fetch.min.bytes=262144", "fetch.max.wait.ms=200",
                    // but no fetch response of half a G1 region or more (512 KiB at -Xmx256m): each such
                    // buffer is a humongous allocation, which starts a concurrent GC cycle
                    "fetch.max.bytes=393216", "max.partition.fetch.bytes=262144"})
    void onEvents(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        // ack-mode is manual (for the trigger listener's Monos): an unacknowledged poll would pause this consumer
        ack.acknowledge();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() != null) {
                cache.evict(record.value());
            }
        }
    }
}
