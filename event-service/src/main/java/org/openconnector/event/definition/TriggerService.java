package org.openconnector.event.definition;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Publishes an event by hand. It goes through the outbox to {@code platform.events} like every
 * other platform event, so matching, idempotence and delivery are exactly those of the normal path
 * (and Kafka subscribers see it too).
 */
@Service
class TriggerService {

    private final EventService events;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    TriggerService(EventService events, OutboxWriter outbox, TransactionalOperator tx) {
        this.events = events;
        this.outbox = outbox;
        this.tx = tx;
    }

    Mono<CloudEvent> trigger(UUID id, TriggerRequest request) {
        TriggerRequest r = request == null ? new TriggerRequest(null, null, null) : request;
        return events.get(id).flatMap(def -> {
            String type = typeFor(def.eventType(), r.type());
            String subject = r.subject() == null || r.subject().isBlank() ? def.id().toString() : r.subject();
            if (subject.length() > 255) {
                return Mono.error(ApiException.validation("subject", "subject must be at most 255 characters"));
            }
            CloudEvent event = CloudEvent.of(EventService.SOURCE, type, subject, r.data() != null ? r.data() : def.payload());
            return tx.transactional(outbox.append(Topics.PLATFORM_EVENTS, event)).thenReturn(event);
        });
    }

    private static String typeFor(String eventType, String requested) {
        boolean prefix = eventType.endsWith("*");
        if (requested == null || requested.isBlank()) {
            if (prefix) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "type-required",
                        "Event type " + eventType + " is a prefix; say which type to publish with \"type\"");
            }
            return eventType;
        }
        String stem = eventType.substring(0, eventType.length() - 1);
        if (prefix ? !requested.startsWith(stem) || requested.endsWith("*") : !requested.equals(eventType)) {
            throw ApiException.validation("type", "type must match the event's eventType " + eventType);
        }
        return requested;
    }
}
