package org.openconnector.job.log;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes expired job logs ({@code expires} comes from the job's {@code logRetention}, or
 * {@code errorRetention} for WARNING/ERROR logs; 0 keeps them). Batches keep each statement short;
 * {@code SKIP LOCKED} lets replicas prune side by side.
 */
@Component
public class LogRetention {

    private final DatabaseClient db;

    LogRetention(DatabaseClient db) {
        this.db = db;
    }

    /** Deletes expired logs in batches of {@code batchSize} until none is left; emits how many. */
    public Mono<Long> prune(int batchSize) {
        Mono<Long> batch = db.sql("delete from job_log where id in (select id from job_log where expires < now() "
                        + "and status in ('succeeded', 'failed') limit :n for update skip locked)")
                .bind("n", batchSize).fetch().rowsUpdated();
        return batch.expand(n -> n < batchSize ? Mono.empty() : batch).reduce(0L, Long::sum);
    }
}
