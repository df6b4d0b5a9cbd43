package org.openconnector.sync.synchronization;

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
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Synchronization life cycle; each change and its {@code org.openconnector.synchronization.*} event commit together. */
@Service
public class SyncService {

    public static final String EVENT_SOURCE = "/sync-service";

    private final SyncRepository repository;
    private final ReferenceChecker references;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    public SyncService(SyncRepository repository, ReferenceChecker references, OutboxWriter outbox, ReactiveTransactionManager txm) {
        this.repository = repository;
        this.references = references;
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(txm);
    }

    public Mono<Synchronization> find(UUID id) {
        return repository.find(id, false).switchIfEmpty(Mono.error(() -> ApiException.notFound("Synchronization", id)));
    }

    public Mono<Page<ObjectNode>> list(PageQuery query) {
        return repository.list(query).map(p -> p.map(Synchronization::view));
    }

    public Mono<ObjectNode> create(JsonNode body) {
        SyncDraft draft = SyncRequestParser.parse(body);
        UUID id = draft.requestedId() != null ? draft.requestedId() : UUID.randomUUID();
        String version = draft.version() != null ? draft.version() : "0.0.1";
        return references.check(draft)
                .flatMap(d -> repository.find(id, false).flatMap(existing -> Mono.<Synchronization>error(
                                ApiException.conflict("Synchronization " + id + " already exists")))
                        .switchIfEmpty(repository.insert(id, d, version, now()))
                        .flatMap(s -> publish("created", s).thenReturn(s.view()))
                        .as(tx::transactional));
    }

    public Mono<ObjectNode> update(UUID id, JsonNode body) {
        SyncDraft draft = SyncRequestParser.parse(body);
        if (draft.requestedId() != null && !draft.requestedId().equals(id)) {
            return Mono.error(ApiException.validation("id", "The body's id/uuid (" + draft.requestedId()
                    + ") differs from the path's (" + id + ")"));
        }
        return find(id).then(references.check(draft))
                .flatMap(d -> repository.find(id, true)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Synchronization", id)))
                        .flatMap(old -> {
                            String version = d.version() == null || d.version().equals(old.version()) ? bump(old.version()) : d.version();
                            return repository.update(id, d, version, now());
                        })
                        .flatMap(s -> publish("updated", s).thenReturn(s.view()))
                        .as(tx::transactional));
    }

    public Mono<Void> delete(UUID id) {
        return repository.delete(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Synchronization", id)))
                .flatMap(s -> publish("deleted", s))
                .as(tx::transactional);
    }

    private Mono<Void> publish(String verb, Synchronization s) {
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(EVENT_SOURCE, "org.openconnector.synchronization." + verb,
                s.id().toString(), s.view()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** OpenConnector bumps the patch version on every update unless the client sets a new one. */
    static String bump(String version) {
        String[] parts = version == null ? new String[0] : version.split("\\.");
        if (parts.length == 3 && parts[2].matches("\\d{1,9}")) {
            return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
        }
        return version;
    }
}
