package org.openconnector.mapping.mappings;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.mapping.engine.MappingCompiler;
import org.openconnector.mapping.events.ResourceEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Mapping life cycle; each change and its {@code org.openconnector.mapping.*} event commit together. */
@Service
public class MappingService {

    private final MappingRepository repository;
    private final MappingCompiler compiler;
    private final ResourceEvents events;
    private final TransactionalOperator tx;

    public MappingService(MappingRepository repository, MappingCompiler compiler, ResourceEvents events,
                          ReactiveTransactionManager txm) {
        this.repository = repository;
        this.compiler = compiler;
        this.events = events;
        this.tx = TransactionalOperator.create(txm);
    }

    MappingDraft parse(JsonNode body) {
        return MappingRequestParser.parse(body, compiler);
    }

    public Mono<Page<ObjectNode>> list(PageQuery query) {
        return repository.list(query).map(page -> page.map(StoredMapping::view));
    }

    public Mono<StoredMapping> find(UUID id) {
        return repository.find(id, false).switchIfEmpty(Mono.error(() -> ApiException.notFound("Mapping", id)));
    }

    static JsonNode definition(StoredMapping m) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("name", m.name());
        d.set("mapping", m.mapping());
        d.set("unset", m.unset());
        d.set("cast", m.cast());
        d.put("passThrough", m.passThrough());
        return d;
    }

    public Mono<ObjectNode> create(MappingDraft draft) {
        UUID id = draft.requestedId() != null ? draft.requestedId() : UUID.randomUUID();
        String version = draft.version() != null ? draft.version() : "0.0.1";
        return repository.insert(id, draft, version).map(StoredMapping::view)
                .flatMap(view -> events.publish("mapping", "created", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    public Mono<ObjectNode> update(UUID id, MappingDraft draft) {
        if (draft.requestedId() != null && !draft.requestedId().equals(id)) {
            return Mono.error(ApiException.validation("id", "The body's id/uuid (" + draft.requestedId()
                    + ") differs from the path's (" + id + ")"));
        }
        return repository.find(id, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Mapping", id)))
                .flatMap(old -> repository.update(old, draft, Versions.onUpdate(draft.version(), old.version())))
                .map(StoredMapping::view)
                .flatMap(view -> events.publish("mapping", "updated", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    public Mono<Void> delete(UUID id) {
        return repository.delete(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Mapping", id)))
                .flatMap(old -> events.publish("mapping", "deleted", id, old.view()))
                .as(tx::transactional);
    }
}
