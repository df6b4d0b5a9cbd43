package org.openconnector.event.delivery;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.event.definition.EventService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch of attempts means for their subscriptions, inside the batch's transaction. A
 * subscription's last attempt in the batch decides: a success clears {@code failing_since}, a
 * failure sets it when unset; a 410 Gone disables at once, and so does failing without a single
 * success for {@code disableAfter} (with an {@code org.openconnector.subscription.disabled} event).
 */
@Component
class SubscriptionHealth {

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final DeliveryProperties props;
    private final JsonMapper json;

    SubscriptionHealth(DatabaseClient db, OutboxWriter outbox, DeliveryProperties props, JsonMapper json) {
        this.db = db;
        this.outbox = outbox;
        this.props = props;
        this.json = json;
    }

    Mono<Void> update(List<Outcome> attempted) {
        Map<UUID, Outcome> last = new LinkedHashMap<>();
        attempted.forEach(o -> last.put(o.claimed().subscriptionId(), o));
        // only subscriptions that were failing when claimed can need clearing: no write on the healthy path
        UUID[] recovered = last.values().stream().filter(o -> o.result().delivered() && o.claimed().failing())
                .map(o -> o.claimed().subscriptionId()).toArray(UUID[]::new);
        UUID[] failing = last.values().stream().filter(o -> !o.result().delivered())
                .map(o -> o.claimed().subscriptionId()).sorted().toArray(UUID[]::new);
        List<UUID> gone = attempted.stream().filter(o -> o.result().gone()).map(o -> o.claimed().subscriptionId()).distinct().toList();
        Mono<Void> clear = recovered.length == 0 ? Mono.empty()
                : db.sql("update subscription set failing_since = null where id = any(:ids) and failing_since is not null")
                .bind("ids", recovered).then();
        Mono<List<UUID>> tooLong = failing.length == 0 ? Mono.just(List.of())
                : db.sql("update subscription set failing_since = coalesce(failing_since, now()) where id = any(:ids) "
                        + "returning id, failing_since")
                .bind("ids", failing)
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("failing_since", OffsetDateTime.class)))
                .all()
                .filter(e -> e.getValue().toInstant().plus(props.disableAfter()).isBefore(java.time.Instant.now()))
                .map(Map.Entry::getKey)
                .collectList();
        return clear.then(tooLong).flatMap(longFailing -> {
            Map<UUID, String> disable = new LinkedHashMap<>();
            gone.forEach(id -> disable.put(id, "receiver answered 410 Gone"));
            longFailing.forEach(id -> disable.putIfAbsent(id, "failing continuously for " + props.disableAfter()));
            return disable(disable);
        });
    }

    private Mono<Void> disable(Map<UUID, String> reasons) {
        if (reasons.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update subscription s set is_enabled = false, disabled_reason = t.reason, updated = now() "
                        + "from unnest(cast(:ids as uuid[]), cast(:reasons as text[])) as t(id, reason) "
                        + "where s.id = t.id and s.is_enabled returning s.id, s.event_id, t.reason")
                .bind("ids", reasons.keySet().toArray(UUID[]::new)).bind("reasons", reasons.values().toArray(String[]::new))
                .map(row -> event(row.get("id", UUID.class), row.get("event_id", UUID.class), row.get("reason", String.class)))
                .all().collectList()
                .flatMap(events -> outbox.appendAll(Topics.PLATFORM_EVENTS, events));
    }

    private CloudEvent event(UUID subscriptionId, UUID eventId, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", subscriptionId.toString());
        data.put("eventId", eventId.toString());
        data.put("reason", reason);
        return CloudEvent.of(EventService.SOURCE, "org.openconnector.subscription.disabled", subscriptionId.toString(),
                json.valueToTree(data));
    }
}
