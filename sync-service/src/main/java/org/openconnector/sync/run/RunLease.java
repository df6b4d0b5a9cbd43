package org.openconnector.sync.run;

import org.openconnector.sync.config.SyncProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.UUID;

/**
 * One run per synchronization at a time, across instances: a run claims the synchronization row
 * with its run id and a lease it renews every window. A killed process cannot release its claim,
 * so the lease expires instead ({@code openconnector.sync.lease}) and the next run may start.
 */
@Component
class RunLease {

    private final DatabaseClient db;
    private final SyncProperties props;

    RunLease(DatabaseClient db, SyncProperties props) {
        this.db = db;
        this.props = props;
    }

    Duration period() {
        return props.lease();
    }

    /** True when this run now holds the synchronization. */
    Mono<Boolean> acquire(UUID syncId, UUID runId) {
        return db.sql("update synchronization set run_id = :run, run_lease_until = now() + make_interval(secs => :secs) "
                        + "where id = :id and (run_id is null or run_lease_until < now())")
                .bind("run", runId).bind("id", syncId).bind("secs", (double) props.lease().toSeconds())
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Void> renew(UUID syncId, UUID runId) {
        return db.sql("update synchronization set run_lease_until = now() + make_interval(secs => :secs) where id = :id and run_id = :run")
                .bind("run", runId).bind("id", syncId).bind("secs", (double) props.lease().toSeconds())
                .fetch().rowsUpdated().flatMap(n -> n > 0 ? Mono.<Void>empty()
                        : Mono.error(new RunFailure("The run lost its claim on the synchronization (lease expired); stopped")));
    }

    Mono<Void> release(UUID syncId, UUID runId) {
        return db.sql("update synchronization set run_id = null, run_lease_until = null where id = :id and run_id = :run")
                .bind("run", runId).bind("id", syncId).then();
    }
}
