package org.openconnector.event.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies each definition's retention: delivered messages go after {@code retentionPeriod} seconds,
 * failed ones (dead letters) after {@code errorRetention} seconds; a definition without the value
 * keeps them. Every replica may run it; the deletes are idempotent.
 */
@Component
public class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DatabaseClient db;
    private final DeliveryProperties props;
    private volatile Disposable loop;

    Retention(DatabaseClient db, DeliveryProperties props) {
        this.db = db;
        this.props = props;
    }

    /** Deletes what is past retention; emits how many messages went. */
    public Mono<Long> pruneOnce() {
        return db.sql("delete from event_message m using event e where e.id = m.event_id and ("
                        + "(m.status = 'delivered' and e.retention_period is not null "
                        + "and m.updated < now() - make_interval(secs => e.retention_period)) or "
                        + "(m.status = 'failed' and e.error_retention is not null "
                        + "and m.updated < now() - make_interval(secs => e.error_retention)))")
                .fetch().rowsUpdated();
    }

    @Override
    public void start() {
        if (loop == null) {
            loop = Flux.interval(props.pruneInterval())
                    .concatMap(t -> pruneOnce().onErrorResume(e -> {
                        log.warn("Pruning event messages failed, trying again later: {}", e.toString());
                        return Mono.empty();
                    }))
                    .subscribe(n -> {
                        if (n > 0) {
                            log.info("Pruned {} event messages past their retention", n);
                        }
                    });
        }
    }

    @Override
    public void stop() {
        Disposable l = loop;
        loop = null;
        if (l != null) {
            l.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
