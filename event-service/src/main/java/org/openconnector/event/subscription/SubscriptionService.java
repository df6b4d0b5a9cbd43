package org.openconnector.event.subscription;

import org.openconnector.common.crypto.SecretCipher;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.net.DestinationPolicy;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.event.definition.EventService;
import org.openconnector.event.delivery.DeliveryProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Subscription changes: destination checked, secret encrypted, change and event in one transaction. */
@Service
class SubscriptionService {

    private final SubscriptionRepository repo;
    private final EventService events;
    private final DestinationPolicy destinations;
    private final SecretCipher cipher;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final DeliveryProperties props;

    SubscriptionService(SubscriptionRepository repo, EventService events, DestinationPolicy destinations, SecretCipher cipher,
                        OutboxWriter outbox, TransactionalOperator tx, JsonMapper json, DeliveryProperties props) {
        this.repo = repo;
        this.events = events;
        this.destinations = destinations;
        this.cipher = cipher;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
        this.props = props;
    }

    Mono<Page<SubscriptionView>> list(UUID eventId, PageQuery query) {
        return events.get(eventId).then(repo.list(eventId, query));
    }

    Mono<SubscriptionView> get(UUID id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Subscription", id)));
    }

    Mono<SubscriptionView> create(UUID eventId, SubscriptionRequest r) {
        URI url = validate(r, eventId, true);
        String secret = r.secret() == null ? WebhookSignature.newSecret() : r.secret();
        UUID id = UUID.randomUUID();
        return events.get(eventId).then(destinations.check(url))
                .then(tx.transactional(repo.insert(id, eventId, url.toString(), r.description(), r.filters(),
                                cipher.encrypt(secret), r.isEnabled() == null || r.isEnabled())
                        .then(repo.find(id)).flatMap(v -> publish("created", v))))
                .map(v -> v.withSecret(secret));
    }

    Mono<SubscriptionView> update(UUID id, SubscriptionRequest r) {
        URI url = validate(r, null, false);
        boolean rotate = r.secret() != null && !SubscriptionView.MASK.equals(r.secret());
        return get(id).flatMap(existing -> {
            if (r.eventId() != null && !r.eventId().equals(existing.eventId().toString())) {
                return Mono.error(ApiException.validation("eventId", "a subscription cannot move to another event"));
            }
            Mono<Long> change = repo.update(id, url.toString(), r.description(), r.filters(), r.isEnabled() == null || r.isEnabled());
            if (rotate) {
                change = change.then(repo.rotate(id, cipher.encrypt(r.secret()), Instant.now().plus(props.secretOverlap())));
            }
            return destinations.check(url).then(tx.transactional(change.then(repo.find(id)).flatMap(v -> publish("updated", v))));
        }).map(v -> rotate ? v.withSecret(r.secret()) : v);
    }

    /** A new secret (given or generated); the old one keeps signing for {@code secretOverlap}. */
    Mono<SubscriptionView> rotate(UUID id, String requested) {
        if (requested != null && WebhookSignature.invalid(requested) != null) {
            throw ApiException.validation("secret", WebhookSignature.invalid(requested));
        }
        String secret = requested == null ? WebhookSignature.newSecret() : requested;
        return get(id).then(tx.transactional(repo.rotate(id, cipher.encrypt(secret), Instant.now().plus(props.secretOverlap()))
                        .then(repo.find(id)).flatMap(v -> publish("secret.rotated", v))))
                .map(v -> v.withSecret(secret));
    }

    Mono<Void> delete(UUID id) {
        return tx.transactional(get(id).flatMap(v -> repo.delete(id).thenReturn(v)).flatMap(v -> publish("deleted", v))).then();
    }

    private URI validate(SubscriptionRequest r, UUID pathEventId, boolean create) {
        if (r == null) {
            throw ApiException.validation("", "A JSON object with the subscription is required");
        }
        List<Violation> v = new ArrayList<>();
        URI url = null;
        if (r.callbackUrl() == null || r.callbackUrl().isBlank()) {
            v.add(Violation.required("callbackUrl"));
        } else if (r.callbackUrl().length() > 2000) {
            v.add(Violation.invalid("callbackUrl", "callbackUrl must be at most 2000 characters"));
        } else {
            try {
                url = new URI(r.callbackUrl().trim());
                if (url.getHost() == null || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                    v.add(Violation.invalid("callbackUrl", "callbackUrl must be an absolute http(s) URL"));
                }
            } catch (URISyntaxException e) {
                v.add(Violation.invalid("callbackUrl", "callbackUrl is not a valid URL: " + e.getReason()));
            }
        }
        if (create && r.eventId() != null && !r.eventId().equals(String.valueOf(pathEventId))) {
            v.add(Violation.invalid("eventId", "eventId in the body must match the path (or be left out)"));
        }
        if (r.description() != null && r.description().length() > 4000) {
            v.add(Violation.invalid("description", "description must be at most 4000 characters"));
        }
        SubscriptionFilters.validate(r.filters(), v);
        if (r.secret() != null && !SubscriptionView.MASK.equals(r.secret()) && WebhookSignature.invalid(r.secret()) != null) {
            v.add(Violation.invalid("secret", WebhookSignature.invalid(r.secret())));
        }
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        return url;
    }

    private Mono<SubscriptionView> publish(String verb, SubscriptionView v) {
        return outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(EventService.SOURCE, "org.openconnector.subscription." + verb,
                v.id().toString(), json.valueToTree(v))).thenReturn(v);
    }
}
