package org.openconnector.event.delivery;

import org.openconnector.event.Rows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims due deliveries. {@code FOR UPDATE SKIP LOCKED} keeps two replicas from taking the same
 * row at once, and the claim is a lease ({@code locked_until} = timeout + {@code lease-margin}) rather than a
 * held lock: a replica that dies mid-send loses its lease and another sends the message again
 * (at least once, same webhook-id). Each subscription gets at most {@code perSubscription} messages
 * in flight, counting leases already out, so a hanging receiver ties up only its own slots.
 */
@Component
class DeliveryClaims {

    private static final String CLAIM = """
            with due as (
                select d.id, d.priority, d.next_attempt
                from subscription s
                cross join lateral (select count(*) as n from (select 1 from event_message b
                                    where b.subscription_id = s.id and b.locked_until > now()
                                    limit %1$d) leases) busy
                cross join lateral (select m.id, m.priority, m.next_attempt from event_message m
                                    where m.subscription_id = s.id and m.status in ('pending', 'retrying')
                                      and m.next_attempt <= now() and (m.locked_until is null or m.locked_until < now())
                                    order by m.next_attempt
                                    limit greatest(%1$d - busy.n, 0)) d
                where s.is_enabled and s.id <> all(cast(:resting as uuid[]))
                order by d.priority desc, d.next_attempt limit %2$d
            ), locked as (
                select id from event_message where id in (select id from due) for update skip locked
            )
            update event_message m set locked_until = now() + make_interval(secs => coalesce(e.timeout_seconds, :defaultTimeout) + :margin)
            from locked l, subscription s, event e
            where m.id = l.id and s.id = m.subscription_id and e.id = m.event_id
            returning m.id, m.event_id, m.subscription_id, m.cloud_event_id, m.event_type, m.payload::text as payload_json,
                      m.attempts, m.created, s.callback_url, s.secret, s.previous_secret, s.previous_secret_expires, e.timeout_seconds,
                      s.failing_since is not null as failing
            """;

    private final DatabaseClient db;
    private final DeliveryProperties props;
    private final Map<Integer, String> statements = new java.util.concurrent.ConcurrentHashMap<>();

    DeliveryClaims(DatabaseClient db, DeliveryProperties props) {
        this.db = db;
        this.props = props;
    }

    /**
     * The claim for at most {@code size} messages (a power of two, see {@link #claimSize}). Both limits are
     * literals, not parameters: the claim is a cached prepared statement, and a generic plan that cannot see
     * its LIMITs expects thousands of rows and hash-joins the whole table (286 ms instead of 13 ms per claim
     * with an 80,000-row table). Powers of two keep that to a handful of cached statements.
     */
    private String sql(int size) {
        return statements.computeIfAbsent(size, n -> CLAIM.formatted(props.perSubscription(), n));
    }

    /** What a claim for {@code wanted} messages asks for: the largest power of two not above it (at least 1). */
    static int claimSize(int wanted) {
        return Integer.highestOneBit(Math.max(1, wanted));
    }

    /**
     * Leases up to {@code size} due messages; {@code size} comes from {@link #claimSize}. Subscriptions in
     * {@code resting} (open breaker) are left out: their deliveries would only be put back.
     */
    Flux<Claimed> claim(int size, UUID[] resting) {
        return db.sql(sql(size))
                .bind("resting", resting)
                .bind("defaultTimeout", (double) props.defaultTimeout().toSeconds())
                .bind("margin", props.leaseMargin().toMillis() / 1000.0)
                .fetch().all().map(this::claimed);
    }

    /** Hands leases back early (on shutdown): those messages are due again right away. */
    Mono<Void> release(UUID[] ids) {
        if (ids.length == 0) {
            return Mono.empty();
        }
        return db.sql("update event_message set locked_until = null where id = any(:ids)").bind("ids", ids).then();
    }

    private Claimed claimed(Map<String, Object> r) {
        List<String> secrets = Claimed.secrets(Rows.str(r, "secret"), Rows.str(r, "previous_secret"),
                Rows.instant(r, "previous_secret_expires"));
        Integer timeout = Rows.integer(r, "timeout_seconds");
        return new Claimed(Rows.uuid(r, "id"), Rows.uuid(r, "event_id"), Rows.uuid(r, "subscription_id"),
                Rows.str(r, "cloud_event_id"), Rows.str(r, "event_type"), Rows.str(r, "payload_json"), Rows.integer(r, "attempts"),
                Rows.str(r, "callback_url"), secrets, timeout == null ? props.defaultTimeout() : Duration.ofSeconds(timeout),
                Rows.instant(r, "created"), Rows.bool(r, "failing"));
    }
}
