package org.openconnector.connector.source;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

/**
 * Source life cycle. Each change and its {@code org.openconnector.source.*} event are written in
 * one transaction through the outbox. Events carry the masked view, so no secret (not even its
 * ciphertext) ever reaches Kafka.
 */
@Service
public class SourceService {

    public static final String EVENT_SOURCE = "/connector-service";
    private static final String TYPE_PREFIX = "org.openconnector.source.";

    private final SourceRepository repository;
    private final SourceSecrets secrets;
    private final SourceViews views;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    public SourceService(SourceRepository repository, SourceSecrets secrets, SourceViews views, OutboxWriter outbox,
                         ReactiveTransactionManager txm) {
        this.repository = repository;
        this.secrets = secrets;
        this.views = views;
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(txm);
    }

    public Mono<Page<ObjectNode>> list(PageQuery query) {
        return repository.list(query).map(page -> page.map(views::view));
    }

    /** The stored source (secrets still encrypted); 404 when unknown. */
    public Mono<StoredSource> find(UUID id) {
        return repository.find(id, false).switchIfEmpty(Mono.error(() -> ApiException.notFound("Source", id)));
    }

    public Mono<ObjectNode> get(UUID id) {
        return find(id).map(views::view);
    }

    public Mono<ObjectNode> create(SourceDraft draft) {
        UUID id = draft.requestedId() != null ? draft.requestedId() : UUID.randomUUID();
        Map<SourceField, JsonNode> values = secrets.seal(draft.values(), null);
        values.putIfAbsent(SourceField.VERSION, JsonNodeFactory.instance.stringNode("0.0.1"));
        values.putIfAbsent(SourceField.IS_ENABLED, JsonNodeFactory.instance.booleanNode(true));
        return repository.insert(id, values)
                .map(views::view)
                .flatMap(view -> publish("created", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    public Mono<ObjectNode> update(UUID id, SourceDraft draft) {
        if (draft.requestedId() != null && !draft.requestedId().equals(id)) {
            return Mono.error(ApiException.validation("id", "The body's id/uuid (" + draft.requestedId()
                    + ") differs from the path's (" + id + ")"));
        }
        return repository.find(id, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Source", id)))
                .flatMap(old -> {
                    Map<SourceField, JsonNode> values = secrets.seal(draft.values(), old.values());
                    // OpenConnector bumps the patch unless the client sets a version; sending back the
                    // version it read (read-modify-write) counts as not setting one.
                    String sent = values.containsKey(SourceField.VERSION) ? values.get(SourceField.VERSION).asString() : null;
                    if (sent == null || sent.equals(old.text(SourceField.VERSION))) {
                        values.put(SourceField.VERSION, JsonNodeFactory.instance.stringNode(Versions.bumpPatch(old.text(SourceField.VERSION))));
                    }
                    values.putIfAbsent(SourceField.IS_ENABLED, JsonNodeFactory.instance.booleanNode(true));
                    return repository.update(old, values);
                })
                .map(views::view)
                .flatMap(view -> publish("updated", id, view).thenReturn(view))
                .as(tx::transactional);
    }

    public Mono<Void> delete(UUID id) {
        return repository.delete(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Source", id)))
                .map(views::view)
                .flatMap(view -> publish("deleted", id, view))
                .as(tx::transactional);
    }

    private Mono<Void> publish(String verb, UUID id, JsonNode data) {
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(EVENT_SOURCE, TYPE_PREFIX + verb, id.toString(), data));
    }
}
