package org.openconnector.event.subscription;

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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Webhook subscriptions: created and listed under their event, addressed by id afterwards. */
@RestController
class SubscriptionController {

    private final SubscriptionService subscriptions;

    SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/api/v1/events/{eventId}/subscriptions")
    Mono<Page<SubscriptionView>> list(@PathVariable String eventId, ServerHttpRequest request) {
        return Mono.fromCallable(() -> PageQuery.parse(request.getQueryParams(), SubscriptionRepository.COLUMNS.keySet(),
                        SubscriptionRepository.FILTERABLE))
                .flatMap(q -> subscriptions.list(Rows.pathId("Event", eventId), q));
    }

    /** 201 with the plain signing secret: the only answer that ever shows it. */
    @PostMapping("/api/v1/events/{eventId}/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SubscriptionView> create(@PathVariable String eventId, @RequestBody SubscriptionRequest body) {
        return Mono.defer(() -> subscriptions.create(Rows.pathId("Event", eventId), body));
    }

    @GetMapping("/api/v1/subscriptions/{id}")
    Mono<SubscriptionView> get(@PathVariable String id) {
        return Mono.defer(() -> subscriptions.get(Rows.pathId("Subscription", id)));
    }

    @PutMapping("/api/v1/subscriptions/{id}")
    Mono<SubscriptionView> update(@PathVariable String id, @RequestBody SubscriptionRequest body) {
        return Mono.defer(() -> subscriptions.update(Rows.pathId("Subscription", id), body));
    }

    @DeleteMapping("/api/v1/subscriptions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return Mono.defer(() -> subscriptions.delete(Rows.pathId("Subscription", id)));
    }

    /** Body optional: {@code {"secret": "whsec_..."}} to choose the new secret, else one is generated. */
    @PostMapping("/api/v1/subscriptions/{id}/rotate-secret")
    Mono<SubscriptionView> rotate(@PathVariable String id, @RequestBody(required = false) RotateSecretRequest body) {
        return Mono.defer(() -> subscriptions.rotate(Rows.pathId("Subscription", id), body == null ? null : body.secret()));
    }

    record RotateSecretRequest(String secret) {
    }
}
