package org.openconnector.event.delivery;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.event.Rows;
import org.openconnector.event.subscription.SubscriptionFilters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one platform event into one pending event_message per matching (enabled definition,
 * enabled subscription). Idempotent: the unique (subscription, CloudEvent id) makes a redelivered
 * Kafka record insert nothing. Definitions with {@code allowDuplicates: false} also skip an event
 * whose type, subject and data equal one already queued for that subscription.
 */
@Component
class FanOut {

    /** Delivery outcomes are never fanned out: matching them would create deliveries about deliveries, forever. */
    static final String OWN_OUTCOMES = "org.openconnector.event.message.";

    private static final TypeReference<Map<String, String>> FILTERS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonMapper json;

    FanOut(DatabaseClient db, TransactionalOperator tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /** Emits how many deliveries were queued (0 for duplicates and unmatched events). */
    Mono<Long> fanOut(CloudEvent event, String rawJson) {
        if (event.type() == null || event.id() == null || event.type().startsWith(OWN_OUTCOMES)) {
            return Mono.just(0L);
        }
        String hash = contentHash(event);
        Mono<Long> work = candidates(event.type()).collectList().flatMap(rows -> {
            List<Map<String, Object>> matching = rows.stream().filter(r -> r.get("subscription_id") != null)
                    .filter(r -> SubscriptionFilters.matches(filters(r), event)).toList();
            List<UUID> definitions = rows.stream().map(r -> Rows.uuid(r, "event_id")).distinct().toList();
            List<Map<String, Object>> plain = matching.stream().filter(r -> Rows.bool(r, "allow_duplicates")).toList();
            List<Map<String, Object>> deduped = matching.stream().filter(r -> !Rows.bool(r, "allow_duplicates")).toList();
            return insertAll(plain, event, rawJson, hash)
                    .concatWith(Flux.fromIterable(deduped).concatMap(r -> insert(r, event, rawJson, hash)))
                    .reduce(0L, Long::sum)
                    .flatMap(n -> markTriggered(definitions).thenReturn(n));
        });
        return tx.transactional(work);
    }

    private Flux<Map<String, Object>> candidates(String type) {
        return db.sql("select e.id as event_id, e.priority, e.schedule_after, e.allow_duplicates, s.id as subscription_id, "
                        + "s.filters::text as filters_json from event e left join subscription s on s.event_id = e.id and s.is_enabled "
                        + "where e.is_enabled and (e.event_type = :type or (right(e.event_type, 1) = '*' "
                        + "and starts_with(:type, left(e.event_type, -1))))")
                .bind("type", type).fetch().all();
    }

    /** One statement for all plain matches (typically every subscription of the event). */
    private Mono<Long> insertAll(List<Map<String, Object>> rows, CloudEvent event, String rawJson, String hash) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("insert into event_message (id, event_id, subscription_id, cloud_event_id, event_type, payload, "
                        + "content_hash, priority, status, next_attempt) select gen_random_uuid(), u.event_id, u.sub, :ce, :type, "
                        + "cast(:payload as jsonb), :hash, u.priority, 'pending', now() + coalesce(cast(u.delay as interval), interval '0') "
                        + "from unnest(cast(:events as uuid[]), cast(:subs as uuid[]), cast(:priorities as int[]), cast(:delays as text[])) "
                        + "as u(event_id, sub, priority, delay) on conflict (subscription_id, cloud_event_id) do nothing")
                .bind("ce", event.id()).bind("type", event.type()).bind("payload", rawJson).bind("hash", hash)
                .bind("events", rows.stream().map(r -> Rows.uuid(r, "event_id")).toArray(UUID[]::new))
                .bind("subs", rows.stream().map(r -> Rows.uuid(r, "subscription_id")).toArray(UUID[]::new))
                .bind("priorities", rows.stream().map(r -> Rows.integer(r, "priority")).toArray(Integer[]::new))
                .bind("delays", rows.stream().map(r -> Rows.str(r, "schedule_after")).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    private Mono<Long> insert(Map<String, Object> r, CloudEvent event, String rawJson, String hash) {
        String schedule = Rows.str(r, "schedule_after");
        var spec = db.sql("insert into event_message (id, event_id, subscription_id, cloud_event_id, event_type, payload, "
                        + "content_hash, priority, status, next_attempt) select :id, :eventId, :sub, :ce, :type, cast(:payload as jsonb), "
                        + ":hash, :priority, 'pending', now() + coalesce(cast(:delay as interval), interval '0') "
                        + "where :allowDup or not exists (select 1 from event_message d where d.subscription_id = :sub and d.content_hash = :hash) "
                        + "on conflict (subscription_id, cloud_event_id) do nothing")
                .bind("id", UUID.randomUUID()).bind("eventId", Rows.uuid(r, "event_id")).bind("sub", Rows.uuid(r, "subscription_id"))
                .bind("ce", event.id()).bind("type", event.type()).bind("payload", rawJson).bind("hash", hash)
                .bind("priority", Rows.integer(r, "priority")).bind("allowDup", Rows.bool(r, "allow_duplicates"));
        spec = schedule == null ? spec.bindNull("delay", String.class) : spec.bind("delay", schedule);
        Mono<Long> insert = spec.fetch().rowsUpdated();
        if (Rows.bool(r, "allow_duplicates")) {
            return insert;
        }
        // records are processed concurrently: serialise the "same content already queued?" check per subscription
        return db.sql("select pg_advisory_xact_lock(hashtext(:key))").bind("key", Rows.uuid(r, "subscription_id") + hash)
                .fetch().rowsUpdated().then(insert);
    }

    /** lastTriggered/nextTrigger kept by the server; a oneTime definition switches itself off after its first match. */
    private Mono<Void> markTriggered(List<UUID> definitions) {
        if (definitions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update event set last_triggered = now(), next_trigger = case when schedule_after is null then null "
                        + "else now() + cast(schedule_after as interval) end, is_enabled = is_enabled and not one_time, "
                        + "updated = now() where id = any(:ids)")
                .bind("ids", definitions.toArray(UUID[]::new)).then();
    }

    private Map<String, String> filters(Map<String, Object> row) {
        String f = Rows.str(row, "filters_json");
        return f == null ? null : json.readValue(f, FILTERS);
    }

    private String contentHash(CloudEvent e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((e.type() + "\n" + e.subject() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(e.data() == null ? new byte[0] : json.writeValueAsBytes(e.data()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
