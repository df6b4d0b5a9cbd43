package org.openconnector.event.definition;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/** Event definition changes, each committed together with its platform event. */
@Service
public class EventService {

    public static final String SOURCE = "/event-service";

    private final EventRepository repo;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final JsonMapper json;

    EventService(EventRepository repo, OutboxWriter outbox, TransactionalOperator tx, JsonMapper json) {
        this.repo = repo;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
    }

    Mono<Page<EventView>> list(PageQuery query) {
        return repo.list(query);
    }

    public Mono<EventView> get(UUID id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Event", id)));
    }

    Mono<EventView> create(EventRequest request) {
        EventDefinition d = EventDefinition.from(request, null);
        return tx.transactional(repo.insert(d).then(repo.find(d.id())).flatMap(v -> publish("created", v)));
    }

    Mono<EventView> update(UUID id, EventRequest request) {
        if (request.id() != null && !request.id().equals(id.toString())) {
            throw ApiException.validation("id", "id in the body must match the path (or be left out)");
        }
        EventDefinition d = EventDefinition.from(request, id);
        return tx.transactional(repo.update(d)
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("Event", id)) : repo.find(id))
                .flatMap(v -> publish("updated", v)));
    }

    Mono<Void> delete(UUID id) {
        return tx.transactional(get(id).flatMap(v -> repo.delete(id).thenReturn(v))
                .flatMap(v -> publish("deleted", v))).then();
    }

    private Mono<EventView> publish(String verb, EventView v) {
        JsonNode data = json.valueToTree(v);
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(SOURCE, "org.openconnector.event." + verb, v.id().toString(), data))
                .thenReturn(v);
    }
}
