package org.openconnector.event.message;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.event.Rows;
import org.openconnector.event.definition.EventService;
import org.openconnector.event.delivery.Dispatcher;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Deliveries (event messages): what was sent where, how it went, and replay. */
@RestController
class MessageController {

    private final MessageRepository messages;
    private final EventService events;
    private final Dispatcher dispatcher;

    MessageController(MessageRepository messages, EventService events, Dispatcher dispatcher) {
        this.messages = messages;
        this.events = events;
        this.dispatcher = dispatcher;
    }

    @GetMapping("/api/v1/event-messages")
    Mono<Page<MessageView>> list(ServerHttpRequest request) {
        return Mono.fromCallable(() -> PageQuery.parse(request.getQueryParams(), MessageRepository.ORDER.keySet(), MessageFilter.PARAMS))
                .flatMap(q -> messages.list(MessageFilter.parse(q.filters()), q));
    }

    @GetMapping("/api/v1/events/{id}/messages")
    Mono<Page<MessageView>> listForEvent(@PathVariable String id, ServerHttpRequest request) {
        return Mono.fromCallable(() -> PageQuery.parse(request.getQueryParams(), MessageRepository.ORDER.keySet(), MessageFilter.PARAMS))
                .flatMap(q -> {
                    UUID eventId = Rows.pathId("Event", id);
                    MessageFilter filter = MessageFilter.parse(q.filters()).withEvent(eventId);
                    return events.get(eventId).then(messages.list(filter, q));
                });
    }

    @GetMapping("/api/v1/event-messages/{id}")
    Mono<MessageView> get(@PathVariable String id) {
        return Mono.defer(() -> find(Rows.pathId("Event message", id)));
    }

    /** Delivers this message again (same webhook-id), with a fresh attempt budget. */
    @PostMapping("/api/v1/event-messages/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<MessageView> retry(@PathVariable String id) {
        return Mono.defer(() -> {
            UUID messageId = Rows.pathId("Event message", id);
            return find(messageId).then(messages.retry(messageId))
                    .flatMap(n -> n == 0 ? Mono.error(ApiException.conflict("Event message " + id + " is being sent right now; retry once it finished"))
                            : find(messageId))
                    .doOnNext(m -> dispatcher.wake());
        });
    }

    /** Replays every delivery matching the filter (default status: failed); answers how many. */
    @PostMapping("/api/v1/event-messages/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Long>> replay(@RequestBody ReplayRequest body) {
        return Mono.defer(() -> {
            if (body == null) {
                return Mono.error(ApiException.validation("", "A JSON object with the replay filter is required"));
            }
            Map<String, String> values = new HashMap<>();
            putIfSet(values, "subscriptionId", body.subscriptionId());
            putIfSet(values, "eventId", body.eventId());
            putIfSet(values, "status", body.status() == null ? "failed" : body.status());
            putIfSet(values, "eventType", body.eventType());
            putIfSet(values, "from", body.from());
            putIfSet(values, "to", body.to());
            return messages.replay(MessageFilter.parse(values));
        }).doOnNext(n -> dispatcher.wake()).map(n -> Map.of("retried", n));
    }

    private Mono<MessageView> find(UUID id) {
        return messages.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Event message", id)));
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    /** Body of POST /api/v1/event-messages/retry; every field optional. */
    record ReplayRequest(String subscriptionId, String eventId, String status, String eventType, String from, String to) {
    }
}
