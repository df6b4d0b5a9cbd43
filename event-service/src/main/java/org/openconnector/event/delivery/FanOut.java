package org.openconnector.event.delivery;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.event.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns platform events into one pending event_message per matching (enabled definition, enabled
 * subscription), a whole Kafka poll at a time in one transaction: one query for the candidate
 * definitions of all the poll's types, one multi-row insert for the plain matches, one update of
 * the triggered definitions. Idempotent: the unique (subscription, CloudEvent id) makes a
 * redelivered record insert nothing. See {@link FanOutMatches} for the matching rules.
 */
@Component
class FanOut {

    /** Delivery outcomes are never fanned out: matching them would create deliveries about deliveries, forever. */
    static final String OWN_OUTCOMES = "org.openconnector.event.message.";

    /** One consumed platform event and its record's JSON (stored as the delivery's body). */
    record Incoming(CloudEvent event, String rawJson) {
    }

    /**
     * Rows with a lease ({@code :leases} seconds, null for none) are handed straight to this replica's
     * dispatcher after the commit; their stored body comes back so a first send and a retry send the same bytes.
     */
    private static final String INSERT_ALL = """
            insert into event_message (id, event_id, subscription_id, cloud_event_id, event_type, payload, content_hash,
                                       priority, status, next_attempt, locked_until)
            select u.id, u.event_id, u.sub, e.ce, e.type, cast(e.payload as jsonb), e.hash, u.priority, 'pending',
                   now() + coalesce(cast(u.delay as interval), interval '0'), now() + make_interval(secs => u.lease)
            from unnest(cast(:ids as uuid[]), cast(:events as uuid[]), cast(:subs as uuid[]), cast(:priorities as int[]),
                        cast(:delays as text[]), cast(:leases as float8[]), cast(:idx as int[]))
                 as u(id, event_id, sub, priority, delay, lease, idx)
            join unnest(cast(:ces as text[]), cast(:types as text[]), cast(:payloads as text[]), cast(:hashes as text[]))
                 with ordinality as e(ce, type, payload, hash, n) on e.n = u.idx
            on conflict (subscription_id, cloud_event_id) do nothing
            returning id, case when locked_until is not null then payload::text end as payload_json
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final FanOutMatches matches;
    private final Dispatcher dispatcher;
    private final DeliveryProperties props;

    FanOut(DatabaseClient db, TransactionalOperator tx, FanOutMatches matches, Dispatcher dispatcher, DeliveryProperties props) {
        this.db = db;
        this.tx = tx;
        this.matches = matches;
        this.dispatcher = dispatcher;
        this.props = props;
    }

    /**
     * Emits how many deliveries were queued (duplicates and unmatched events queue none). Plain matches due
     * at once, for subscriptions with room on this replica ({@link Dispatcher#reserve}), are inserted already
     * leased and handed to the dispatcher once the transaction has committed: no claim, no lease update.
     * If this replica dies before sending them, their lease runs out and the claim loop sends them.
     */
    Mono<Long> fanOut(List<Incoming> batch) {
        List<Incoming> events = batch.stream().filter(i -> i.event().type() != null && i.event().id() != null
                && !i.event().type().startsWith(OWN_OUTCOMES)).toList();
        if (events.isEmpty()) {
            return Mono.just(0L);
        }
        String[] types = events.stream().map(i -> i.event().type()).distinct().toArray(String[]::new);
        return Mono.defer(() -> {
            HandOffs handOffs = new HandOffs(dispatcher);
            Mono<Long> work = candidates(types).collectList().flatMap(rows -> {
                FanOutMatches.Result m = matches.match(events, rows);
                return insertAll(m.plain(), events, handOffs)
                        .concatWith(Flux.fromIterable(m.deduplicated()).concatMap(x -> insertUnlessDuplicate(x, events)))
                        .reduce(0L, Long::sum)
                        .flatMap(n -> markTriggered(m.triggered()).thenReturn(n));
            });
            // transactional(Mono) emits only after the commit (singleOrEmpty waits for completion)
            return tx.transactional(work)
                    .doOnSuccess(n -> handOffs.committed())
                    .doOnError(e -> handOffs.rolledBack())
                    .doOnCancel(handOffs::rolledBack);
        });
    }

    private Flux<Map<String, Object>> candidates(String[] types) {
        return db.sql("select e.id as event_id, e.event_type, e.priority, e.schedule_after, e.allow_duplicates, e.one_time, "
                        + "e.timeout_seconds, s.id as subscription_id, s.filters::text as filters_json, s.callback_url, s.secret, "
                        + "s.previous_secret, s.previous_secret_expires, s.failing_since is not null as failing "
                        + "from event e left join subscription s on s.event_id = e.id and s.is_enabled "
                        + "where e.is_enabled and (e.event_type = any(:types) or (right(e.event_type, 1) = '*' and exists "
                        + "(select 1 from unnest(cast(:types as text[])) t where starts_with(t, left(e.event_type, -1)))))")
                .bind("types", types).fetch().all();
    }

    /** One statement for all plain matches of the poll (typically every subscription of every event). */
    private Mono<Long> insertAll(List<FanOutMatches.Match> rows, List<Incoming> events, HandOffs handOffs) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        UUID[] ids = new UUID[rows.size()];
        Double[] leases = new Double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            FanOutMatches.Match match = rows.get(i);
            ids[i] = UUID.randomUUID();
            Map<String, Object> r = match.row();
            // scheduled deliveries are not due yet; the claim loop takes them when they are
            if (r.get("schedule_after") == null && dispatcher.reserve(Rows.uuid(r, "subscription_id"))) {
                Duration timeout = timeout(r);
                leases[i] = (timeout.toMillis() + props.leaseMargin().toMillis()) / 1000.0;
                handOffs.reserved(claimed(ids[i], match, events.get(match.event()).event(), timeout));
            }
        }
        return db.sql(INSERT_ALL)
                .bind("ids", ids)
                .bind("events", rows.stream().map(r -> Rows.uuid(r.row(), "event_id")).toArray(UUID[]::new))
                .bind("subs", rows.stream().map(r -> Rows.uuid(r.row(), "subscription_id")).toArray(UUID[]::new))
                .bind("priorities", rows.stream().map(r -> Rows.integer(r.row(), "priority")).toArray(Integer[]::new))
                .bind("delays", rows.stream().map(r -> Rows.str(r.row(), "schedule_after")).toArray(String[]::new))
                .bind("leases", leases)
                .bind("idx", rows.stream().map(r -> r.event() + 1).toArray(Integer[]::new))
                .bind("ces", events.stream().map(i -> i.event().id()).toArray(String[]::new))
                .bind("types", events.stream().map(i -> i.event().type()).toArray(String[]::new))
                .bind("payloads", events.stream().map(Incoming::rawJson).toArray(String[]::new))
                .bind("hashes", events.stream().map(i -> matches.contentHash(i.event())).toArray(String[]::new))
                .fetch().all()
                .doOnNext(row -> handOffs.inserted(Rows.uuid(row, "id"), Rows.str(row, "payload_json")))
                .count();
    }

    private Duration timeout(Map<String, Object> row) {
        Integer seconds = Rows.integer(row, "timeout_seconds");
        return seconds == null ? props.defaultTimeout() : Duration.ofSeconds(seconds);
    }

    /** What the dispatcher needs to send it, from the candidate row; the body is filled in from the insert. */
    private static Claimed claimed(UUID id, FanOutMatches.Match m, CloudEvent event, Duration timeout) {
        Map<String, Object> r = m.row();
        return new Claimed(id, Rows.uuid(r, "event_id"), Rows.uuid(r, "subscription_id"), event.id(), event.type(), null, 0,
                Rows.str(r, "callback_url"), Claimed.secrets(Rows.str(r, "secret"), Rows.str(r, "previous_secret"),
                Rows.instant(r, "previous_secret_expires")), timeout, null, Rows.bool(r, "failing"));
    }

    /** allowDuplicates false: skipped when the same content is already queued for that subscription. */
    private Mono<Long> insertUnlessDuplicate(FanOutMatches.Match m, List<Incoming> events) {
        Map<String, Object> r = m.row();
        CloudEvent event = events.get(m.event()).event();
        String hash = matches.contentHash(event);
        String schedule = Rows.str(r, "schedule_after");
        var spec = db.sql("insert into event_message (id, event_id, subscription_id, cloud_event_id, event_type, payload, "
                        + "content_hash, priority, status, next_attempt) select :id, :eventId, :sub, :ce, :type, cast(:payload as jsonb), "
                        + ":hash, :priority, 'pending', now() + coalesce(cast(:delay as interval), interval '0') "
                        + "where not exists (select 1 from event_message d where d.subscription_id = :sub and d.content_hash = :hash) "
                        + "on conflict (subscription_id, cloud_event_id) do nothing")
                .bind("id", UUID.randomUUID()).bind("eventId", Rows.uuid(r, "event_id")).bind("sub", Rows.uuid(r, "subscription_id"))
                .bind("ce", event.id()).bind("type", event.type()).bind("payload", events.get(m.event()).rawJson())
                .bind("hash", hash).bind("priority", Rows.integer(r, "priority"));
        spec = schedule == null ? spec.bindNull("delay", String.class) : spec.bind("delay", schedule);
        // two replicas may fan out at once: serialise the "same content already queued?" check per subscription
        return db.sql("select pg_advisory_xact_lock(hashtext(:key))").bind("key", Rows.uuid(r, "subscription_id") + hash)
                .fetch().rowsUpdated().then(spec.fetch().rowsUpdated());
    }

    /** lastTriggered/nextTrigger kept by the server; a oneTime definition switches itself off after its first match. */
    private Mono<Void> markTriggered(Set<UUID> definitions) {
        if (definitions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update event set last_triggered = now(), next_trigger = case when schedule_after is null then null "
                        + "else now() + cast(schedule_after as interval) end, is_enabled = is_enabled and not one_time, "
                        + "updated = now() where id = any(:ids)")
                .bind("ids", definitions.toArray(UUID[]::new)).then();
    }
}
