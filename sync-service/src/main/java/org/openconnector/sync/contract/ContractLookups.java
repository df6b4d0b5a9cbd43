package org.openconnector.sync.contract;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run reads about contracts, and the few marks it writes about the source's objects rather than
 * the target's: read-only window lookups by origin id, the deletion pass's count and scan of live
 * contracts, and, after a complete fetch, "missing" marks for the objects it did not see and the run's
 * start on the synchronization (see V3__seen_in_memory.sql for how sourceLastChecked follows from them).
 */
@Repository
public class ContractLookups {

    private final DatabaseClient db;

    public ContractLookups(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The contracts of a window of origin ids, read-only, through the (synchronization_id, origin_id)
     * index. Whether the last write is still current is decided here ({@code fresh}), so no timestamp
     * is decoded per row.
     */
    public Mono<Map<String, Known>> known(UUID synchronizationId, Collection<String> originIds, Instant freshAfter) {
        return db.sql("select id, origin_id, target_id, source_hash, source_missing, "
                        + "(target_id is not null and target_hash is not null and source_last_synced > :after) as fresh "
                        + "from contract where synchronization_id = :s and origin_id = any(:ids)")
                .bind("s", synchronizationId).bind("ids", originIds.toArray(String[]::new)).bind("after", freshAfter)
                .map(r -> new Known(r.get("id", UUID.class), r.get("origin_id", String.class), r.get("target_id", String.class),
                        r.get("source_hash", String.class), Boolean.TRUE.equals(r.get("fresh", Boolean.class)),
                        Boolean.TRUE.equals(r.get("source_missing", Boolean.class))))
                .all()
                .collect(Collectors.toMap(Known::originId, Function.identity()));
    }

    /** Objects a complete fetch had missed are back: their contracts count as checked again. */
    public Mono<Void> clearMissing(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update contract set source_missing = false, source_last_checked = :at where id = any(cast(:ids as uuid[]))")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).bind("at", at).then();
    }

    public Mono<Long> countLive(UUID synchronizationId) {
        return db.sql("select count(*) from contract where synchronization_id = :s and target_id is not null")
                .bind("s", synchronizationId).map(r -> r.get(0, Long.class)).one();
    }

    /** Origin ids of the live contracts (a target object exists), streamed for the deletion pass. */
    public Flux<String> liveOrigins(UUID synchronizationId) {
        return db.sql("select origin_id from contract where synchronization_id = :s and target_id is not null")
                .bind("s", synchronizationId).map(r -> r.get(0, String.class)).all();
    }

    /** The live contracts of these origin ids (the ones a complete fetch did not see), in origin id order. */
    public Flux<Known> live(UUID synchronizationId, Collection<String> originIds) {
        return db.sql("select id, origin_id, target_id, source_hash, source_missing from contract "
                        + "where synchronization_id = :s and target_id is not null and origin_id = any(:ids) order by origin_id")
                .bind("s", synchronizationId).bind("ids", originIds.toArray(String[]::new))
                .map(r -> new Known(r.get("id", UUID.class), r.get("origin_id", String.class), r.get("target_id", String.class),
                        r.get("source_hash", String.class), false, Boolean.TRUE.equals(r.get("source_missing", Boolean.class))))
                .all();
    }

    /**
     * Marks contracts whose objects a complete fetch did not see. Their sourceLastChecked freezes at
     * the last complete run that did see them (the synchronization's contracts_checked before this run).
     */
    public Mono<Void> markMissing(UUID synchronizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update contract c set source_missing = true, "
                        + "source_last_checked = greatest(c.source_last_checked, s.contracts_checked) "
                        + "from synchronization s where s.id = c.synchronization_id and c.synchronization_id = :s "
                        + "and c.id = any(cast(:ids as uuid[])) and not c.source_missing")
                .bind("s", synchronizationId).bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).then();
    }

    /** Records that a complete fetch starting at {@code started} saw every contract not marked missing. */
    public Mono<Void> markChecked(UUID synchronizationId, Instant started) {
        return db.sql("update synchronization set contracts_checked = :at where id = :s")
                .bind("s", synchronizationId).bind("at", started).then();
    }
}
