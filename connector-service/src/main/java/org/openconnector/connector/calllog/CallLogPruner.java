package org.openconnector.connector.calllog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** Deletes call logs older than the retention, every {@code prune-every}. */
@Component
public class CallLogPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallLogPruner.class);

    private final CallLogRepository repository;
    private final CallLogProperties props;
    private volatile Disposable running;

    public CallLogPruner(CallLogRepository repository, CallLogProperties props) {
        this.repository = repository;
        this.props = props;
    }

    /** One pruning pass; answers how many logs went. */
    public Mono<Long> prune() {
        return repository.pruneBefore(Instant.now().minus(props.retention()));
    }

    @Override
    public void start() {
        running = Flux.interval(props.pruneEvery(), props.pruneEvery())
                .concatMap(tick -> prune().onErrorResume(e -> {
                    log.warn("Call log pruning failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
