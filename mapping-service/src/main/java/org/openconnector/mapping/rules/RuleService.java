package org.openconnector.mapping.rules;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.mapping.events.ResourceEvents;
import org.openconnector.mapping.mappings.MappingRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Rule life cycle; each change and its {@code org.openconnector.rule.*} event commit together. */
@Service
class RuleService {

    private final RuleRepository repository;
    private final MappingRepository mappings;
    private final ResourceEvents events;
    private final TransactionalOperator tx;

    RuleService(RuleRepository repository, MappingRepository mappings, ResourceEvents events, ReactiveTransactionManager txm) {
        this.repository = repository;
        this.mappings = mappings;
        this.events = events;
        this.tx = TransactionalOperator.create(txm);
    }

    Mono<Page<ObjectNode>> list(PageQuery query) {
        return repository.list(query).map(page -> page.map(StoredRule::view));
    }

    Mono<ObjectNode> get(UUID id) {
        return repository.find(id, false).switchIfEmpty(Mono.error(() -> ApiException.notFound("Rule", id))).map(StoredRule::view);
    }

    Mono<ObjectNode> create(RuleDraft draft) {
        UUID id = draft.requestedId() != null ? draft.requestedId() : UUID.randomUUID();
        return checkMapping(draft)
                .then(repository.insert(id, draft)).map(StoredRule::view)
                .flatMap(view -> events.publish("rule", "created", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    Mono<ObjectNode> update(UUID id, RuleDraft draft) {
        if (draft.requestedId() != null && !draft.requestedId().equals(id)) {
            return Mono.error(ApiException.validation("id", "The body's id/uuid (" + draft.requestedId()
                    + ") differs from the path's (" + id + ")"));
        }
        return repository.find(id, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rule", id)))
                .flatMap(old -> checkMapping(draft).then(repository.update(old, draft)))
                .map(StoredRule::view)
                .flatMap(view -> events.publish("rule", "updated", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    Mono<Void> delete(UUID id) {
        return repository.delete(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rule", id)))
                .flatMap(old -> events.publish("rule", "deleted", id, old.view()))
                .as(tx::transactional);
    }

    /** A mapping rule must point at a mapping that exists, or every run of it would fail. */
    private Mono<Void> checkMapping(RuleDraft draft) {
        if (draft.mappingId() == null) {
            return Mono.empty();
        }
        return mappings.exists(draft.mappingId()).flatMap(found -> found ? Mono.<Void>empty()
                : Mono.error(ApiException.validation("configuration.mapping", "configuration.mapping: no mapping " + draft.mappingId())));
    }
}
