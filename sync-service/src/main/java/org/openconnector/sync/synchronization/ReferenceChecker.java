package org.openconnector.sync.synchronization;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.sync.config.SyncProperties;
import org.openconnector.sync.storage.StorageRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks, when a synchronization is saved, that the sources and mappings it names exist in their
 * owning services: an unknown id is a 400 with a violation per field, not a run that fails later.
 * A neighbour that cannot answer is a 503 (we cannot tell), never a silent pass.
 */
@Component
class ReferenceChecker {

    private final WebClient connector;
    private final WebClient mapping;
    private final SyncProperties props;
    private final StorageRepository storages;

    ReferenceChecker(@Qualifier("connectorClient") WebClient connector, @Qualifier("mappingClient") WebClient mapping,
                     SyncProperties props, StorageRepository storages) {
        this.storages = storages;
        this.connector = connector;
        this.mapping = mapping;
        this.props = props;
    }

    Mono<SyncDraft> check(SyncDraft d) {
        List<Mono<Violation>> checks = new ArrayList<>();
        checks.add(exists(connector, "/api/v1/sources/{id}", d.sourceId(), "sourceId", "Source"));
        if ("api".equals(d.targetType())) {
            checks.add(exists(connector, "/api/v1/sources/{id}", UUID.fromString(d.targetId()), "targetId", "Source"));
        } else if ("storage".equals(d.targetType())) {
            checks.add(storages.find(d.targetId()).hasElement().flatMap(found -> found ? Mono.<Violation>empty()
                    : Mono.just(Violation.invalid("targetId", "Storage " + d.targetId() + " does not exist"))));
        }
        if (d.sourceTargetMapping() != null) {
            checks.add(exists(mapping, "/internal/mappings/{id}", d.sourceTargetMapping(), "sourceTargetMapping", "Mapping"));
        }
        if (d.sourceHashMapping() != null) {
            checks.add(exists(mapping, "/internal/mappings/{id}", d.sourceHashMapping(), "sourceHashMapping", "Mapping"));
        }
        return Flux.concat(checks).collectList().flatMap(violations -> violations.isEmpty()
                ? Mono.just(d) : Mono.error(ApiException.validation(violations)));
    }

    /** Emits a violation when the resource is unknown, nothing when it exists. */
    private Mono<Violation> exists(WebClient client, String path, UUID id, String field, String what) {
        return client.get().uri(path, id).exchangeToMono(r -> {
                    if (r.statusCode().is2xxSuccessful()) {
                        return r.releaseBody().then(Mono.<Violation>empty());
                    }
                    if (r.statusCode().value() == 404) {
                        return r.releaseBody().thenReturn(Violation.invalid(field, what + " " + id + " does not exist"));
                    }
                    return r.releaseBody().then(Mono.error(unavailable(what, "answered " + r.statusCode().value())));
                })
                .timeout(props.callTimeout())
                .onErrorMap(e -> !(e instanceof ApiException), e -> unavailable(what, e.toString()));
    }

    private static ApiException unavailable(String what, String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                "Cannot check the " + what + " reference now: its service " + why);
    }
}
