package org.openconnector.event.definition;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.event.Rows;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Set;

/** /api/v1/events: event definitions, and triggering one by hand. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private static final Set<String> SORTABLE = EventRepository.COLUMNS.keySet();

    private final EventService events;
    private final TriggerService triggers;

    EventController(EventService events, TriggerService triggers) {
        this.events = events;
        this.triggers = triggers;
    }

    @GetMapping
    Mono<Page<EventView>> list(ServerHttpRequest request) {
        return Mono.fromCallable(() -> PageQuery.parse(request.getQueryParams(), SORTABLE, EventRepository.FILTERABLE))
                .flatMap(events::list);
    }

    @GetMapping("/{id}")
    Mono<EventView> get(@PathVariable String id) {
        return Mono.defer(() -> events.get(Rows.pathId("Event", id)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<EventView> create(@RequestBody EventRequest body) {
        return Mono.defer(() -> events.create(body));
    }

    @PutMapping("/{id}")
    Mono<EventView> update(@PathVariable String id, @RequestBody EventRequest body) {
        return Mono.defer(() -> events.update(Rows.pathId("Event", id), body));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return Mono.defer(() -> events.delete(Rows.pathId("Event", id)));
    }

    /** Publishes the event now; 202 because delivery happens afterwards, through platform.events. */
    @PostMapping("/{id}/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<CloudEvent> trigger(@PathVariable String id, @RequestBody(required = false) TriggerRequest body) {
        return Mono.defer(() -> triggers.trigger(Rows.pathId("Event", id), body));
    }
}
