package org.openconnector.mapping.events;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * Appends {@code org.openconnector.<resource>.<verb>} CloudEvents to the outbox; call it inside the transaction of
 * the change. sync-service drops its cached compiled mapping on {@code mapping.updated|deleted}.
 */
@Component
public class ResourceEvents {

    public static final String SOURCE = "/mapping-service";

    private final OutboxWriter outbox;

    public ResourceEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> publish(String resource, String verb, UUID id, JsonNode data) {
        return outbox.append(Topics.PLATFORM_EVENTS,
                CloudEvent.of(SOURCE, "org.openconnector." + resource + "." + verb, id.toString(), data));
    }
}
