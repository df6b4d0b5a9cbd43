package org.openconnector.sync.contract;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.openconnector.sync.run.RunFailure;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.openconnector.sync.synchronization.SyncRepository.instant;

/**
 * SQL for {@code contract}: the list, upserts as objects are written, tombstones. Lists read
 * {@code contract_view}, which derives sourceLastChecked (see V3__seen_in_memory.sql). A run's lookups
 * and presence marks are in {@link ContractLookups}.
 */
@Repository
public class ContractRepository {

    static final Map<String, String> LIST_COLUMNS = Map.of("originId", "origin_id", "targetId", "target_id",
            "targetLastAction", "target_last_action", "created", "created", "updated", "updated",
            "sourceLastChanged", "source_last_changed", "sourceLastChecked", "source_last_checked",
            "synchronizationId", "synchronization_id");
    static final Set<String> FILTERABLE = Set.of("originId", "targetId", "targetLastAction");
    static final Set<String> SORTABLE = Set.of("originId", "targetId", "created", "updated", "sourceLastChanged", "sourceLastChecked");
    private static final PagedSql LIST = new PagedSql("contract_view", LIST_COLUMNS, List.of("origin_id", "target_id"), "created, id");

    private final DatabaseClient db;

    public ContractRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Page<Contract>> list(UUID synchronizationId, PageQuery query) {
        return LIST.fetch(db, query, Map.of("synchronizationId", synchronizationId.toString()), ContractRepository::read);
    }

    /**
     * Saves the contracts of a window's written objects in one multi-row upsert (call it inside the
     * transaction that wrote them). Origin ids must be distinct: one row per source object.
     */
    public Mono<Void> saveAll(List<Contract> saved) {
        if (saved.isEmpty()) {
            return Mono.empty();
        }
        int n = saved.size();
        String[] ids = new String[n], origins = new String[n], targets = new String[n], sh = new String[n], th = new String[n],
                actions = new String[n];
        for (int i = 0; i < n; i++) {
            Contract c = saved.get(i);
            ids[i] = c.id().toString();
            origins[i] = c.originId();
            targets[i] = c.targetId();
            sh[i] = c.sourceHash();
            th[i] = c.targetHash();
            actions[i] = c.targetLastAction();
        }
        Contract first = saved.get(0);
        return holdSynchronization(first.synchronizationId()).then(db.sql("insert into contract (id, synchronization_id, origin_id, target_id, source_hash, target_hash, target_last_action, "
                        + "source_last_changed, source_last_checked, source_last_synced, target_last_synced, created, updated) "
                        + "select cast(t.id as uuid), :s, t.origin, t.target, t.sh, t.th, t.action, :now, :now, :now, :now, :now, :now "
                        + "from unnest(cast(:ids as text[]), cast(:origins as text[]), cast(:targets as text[]), cast(:shs as text[]), "
                        + "cast(:ths as text[]), cast(:actions as text[])) as t(id, origin, target, sh, th, action) "
                        + UPSERT)
                .bind("s", first.synchronizationId()).bind("now", first.updated())
                .bind("ids", ids).bind("origins", origins).bind("targets", targets).bind("shs", sh).bind("ths", th)
                .bind("actions", actions)
                .then());
    }

    /**
     * Locks the synchronization row against deletion until the surrounding transaction ends (what the
     * dropped foreign key did per contract row, see V5), failing the run when it is gone.
     */
    private Mono<Void> holdSynchronization(UUID synchronizationId) {
        return db.sql("select 1 from synchronization where id = :s for key share").bind("s", synchronizationId)
                .map(r -> 1).one()
                .switchIfEmpty(Mono.error(() -> new RunFailure("Synchronization " + synchronizationId + " was deleted")))
                .then();
    }

    private static final String UPSERT = "on conflict (synchronization_id, origin_id) do update set target_id = excluded.target_id, "
            + "source_hash = excluded.source_hash, target_hash = excluded.target_hash, "
            + "target_last_action = excluded.target_last_action, source_last_changed = excluded.source_last_changed, "
            + "source_last_checked = excluded.source_last_checked, source_last_synced = excluded.source_last_synced, "
            + "target_last_synced = excluded.target_last_synced, updated = excluded.updated, source_missing = false";

    /**
     * Saves the contract of an object just written (insert, or update of the same origin id); fails the
     * run when the synchronization is gone (the statement itself locks its row, see V5).
     */
    public Mono<Void> save(Contract c) {
        return db.sql("insert into contract (id, synchronization_id, origin_id, target_id, source_hash, target_hash, target_last_action, "
                        + "source_last_changed, source_last_checked, source_last_synced, target_last_synced, created, updated) "
                        + "select :id, :s, :origin, :target, :sh, :th, :action, :now, :checked, :now, :now, :now, :now "
                        + "where exists (select 1 from synchronization where id = :s for key share) "
                        + "on conflict (synchronization_id, origin_id) do update set target_id = excluded.target_id, "
                        + "source_hash = excluded.source_hash, target_hash = excluded.target_hash, "
                        + "target_last_action = excluded.target_last_action, source_last_changed = excluded.source_last_changed, "
                        + "source_last_checked = excluded.source_last_checked, source_last_synced = excluded.source_last_synced, "
                        + "target_last_synced = excluded.target_last_synced, updated = excluded.updated, source_missing = false")
                .bind("id", c.id()).bind("s", c.synchronizationId()).bind("origin", c.originId())
                .bind("target", c.targetId()).bind("sh", c.sourceHash()).bind("th", c.targetHash())
                .bind("action", c.targetLastAction()).bind("now", c.updated()).bind("checked", c.sourceLastChecked())
                .fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(new RunFailure("Synchronization " + c.synchronizationId() + " was deleted"))
                        : Mono.<Void>empty());
    }

    /** Keeps a deleted object's contract with its target id cleared, so its history stays readable. */
    public Mono<Void> tombstone(UUID id, Instant now) {
        return db.sql("update contract c set target_id = null, target_hash = null, target_last_action = 'delete', "
                        + "target_last_synced = :now, updated = :now, source_missing = true, "
                        + "source_last_checked = greatest(c.source_last_checked, s.contracts_checked) "
                        + "from synchronization s where s.id = c.synchronization_id and c.id = :id")
                .bind("id", id).bind("now", now).then();
    }

    static Contract read(Map<String, Object> row) {
        return new Contract((UUID) row.get("id"), (UUID) row.get("synchronization_id"), (String) row.get("origin_id"),
                (String) row.get("target_id"), (String) row.get("source_hash"), (String) row.get("target_hash"),
                (String) row.get("target_last_action"), instant(row.get("source_last_changed")),
                instant(row.get("source_last_checked")), instant(row.get("source_last_synced")),
                instant(row.get("target_last_synced")), instant(row.get("created")), instant(row.get("updated")));
    }
}
