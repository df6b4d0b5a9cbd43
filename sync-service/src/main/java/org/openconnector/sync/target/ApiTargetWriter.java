package org.openconnector.sync.target;

import org.openconnector.sync.run.CanonicalHash;
import org.openconnector.sync.run.ConnectorCalls;
import org.openconnector.sync.run.Paths;
import org.openconnector.sync.run.RunFailure;
import org.openconnector.sync.synchronization.Synchronization;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * "api" targets: the target is a Source of connector-service ({@code targetId}), written through its
 * internal call endpoint. Create = POST {@code targetConfig.endpoint}, the new id read from the answer
 * at {@code targetConfig.idPosition} (default {@code id}); update = {@code updateMethod} (PUT) to
 * {@code endpoint/{targetId}} or {@code updateEndpoint} with {@code {{ originId }}} = the target id;
 * delete = {@code deleteMethod} (DELETE) likewise. A 404 on delete counts as deleted.
 * <p>
 * A create carries an {@code Idempotency-Key}: the synchronization, the origin id and the hash of the mapped
 * object. If the process dies after the target accepted a create but before its contract committed, the next
 * run sends the same create with the same key, so a target that honours idempotency keys (the IETF
 * httpapi draft; Stripe, Adyen, many others) answers with the object it already made instead of a second one.
 */
@Component
class ApiTargetWriter implements TargetWriter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ConnectorCalls calls;

    ApiTargetWriter(ConnectorCalls calls) {
        this.calls = calls;
    }

    @Override
    public String type() {
        return "api";
    }

    @Override
    public Mono<String> create(Synchronization sync, String originId, JsonNode object) {
        String endpoint = sync.targetConfig().path("endpoint").asString("");
        String key = sync.id() + ":" + originId + ":" + CanonicalHash.of(object);
        return calls.call(sync.targetId(), "POST", endpoint, Map.of(), Map.of(IDEMPOTENCY_KEY, key), object).map(answer -> {
            check(answer, "create");
            String position = sync.targetConfig().path("idPosition").asString("id");
            String id = answer.body() == null ? null : Paths.text(answer.body(), position);
            if (id == null || id.isEmpty()) {
                throw new RunFailure("The target created an object but its answer has no id at '" + position
                        + "' (targetConfig.idPosition); cannot keep a contract for it");
            }
            return id;
        });
    }

    @Override
    public Mono<Void> update(Synchronization sync, String targetId, JsonNode object) {
        String method = sync.targetConfig().path("updateMethod").asString("PUT");
        return calls.call(sync.targetId(), method, endpoint(sync, "updateEndpoint", targetId), Map.of(), Map.of(), object)
                .doOnNext(answer -> check(answer, "update " + targetId)).then();
    }

    @Override
    public Mono<Void> delete(Synchronization sync, String targetId) {
        String method = sync.targetConfig().path("deleteMethod").asString("DELETE");
        return calls.call(sync.targetId(), method, endpoint(sync, "deleteEndpoint", targetId), Map.of(), Map.of(), null)
                .doOnNext(answer -> {
                    if (answer.statusCode() != 404) {
                        check(answer, "delete " + targetId);
                    }
                }).then();
    }

    private static String endpoint(Synchronization sync, String key, String targetId) {
        String custom = sync.targetConfig().path(key).asString(null);
        if (custom != null && !custom.isEmpty()) {
            return custom.replace("{{ originId }}", targetId).replace("{{originId}}", targetId);
        }
        String base = sync.targetConfig().path("endpoint").asString("");
        return (base.endsWith("/") ? base : base + "/") + targetId;
    }

    private static void check(ConnectorCalls.Answer answer, String what) {
        if (!answer.ok()) {
            throw new RunFailure("The target answered " + answer.statusCode() + " to " + what);
        }
    }
}
