package org.openconnector.sync.run;

import org.openconnector.common.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drops a cached compiled mapping when mapping-service announces {@code org.openconnector.mapping.*} for it. */
@Component
class MappingEventListener {

    private static final Logger log = LoggerFactory.getLogger(MappingEventListener.class);
    private static final String MAPPING_TYPE_PREFIX = "org.openconnector.mapping.";

    private final MappingCache cache;
    private final JsonMapper json;

    MappingEventListener(MappingCache cache, JsonMapper json) {
        this.cache = cache;
        this.json = json;
    }

    // every instance must see every change, so each gets its own group (no offsets worth keeping: the cache starts empty)
    @KafkaListener(topics = Topics.PLATFORM_EVENTS, groupId = "sync-service-mappings-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void onEvent(String payload, Acknowledgment ack) {
        // ack-mode is manual (for the trigger listener's Monos): an unacknowledged record would pause this consumer
        ack.acknowledge();
        // most records on this topic are other events (a run's own object events: one per written object);
        // a substring test skips them without parsing — a mapping event always contains its type
        if (!payload.contains(MAPPING_TYPE_PREFIX)) {
            return;
        }
        try {
            JsonNode event = json.readTree(payload);
            if (event.path("type").asString("").startsWith(MAPPING_TYPE_PREFIX)) {
                cache.evict(event.path("subject").asString(""));
            }
        } catch (RuntimeException e) {
            log.warn("Skipping a platform.events record that is not a CloudEvent: {}", e.toString());
        }
    }
}
