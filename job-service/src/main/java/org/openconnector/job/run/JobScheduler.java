package org.openconnector.job.run;

import org.openconnector.common.error.ApiException;
import org.openconnector.job.log.JobLogView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One replica's scheduler. A claim loop looks for due runs every {@code pollInterval} (at once
 * again after a full batch) and claims only as many as it has free run slots; claimed runs are
 * executed concurrently (bounded). An upkeep loop renews this replica's leases, takes over runs
 * whose replica died, fails handed-off runs past their deadline, and prunes expired logs.
 * Several instances may share one database (also in one JVM, with distinct instance ids).
 */
public class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final SchedulerProperties props;
    private final ClaimStore claims;
    private final LeaseStore leases;
    private final JobRunner runner;
    private final Mono<Long> prune;
    private final Map<UUID, Handle> inFlight = new ConcurrentHashMap<>();
    private volatile Sinks.Many<ClaimedRun> queue;
    private volatile Disposable.Composite loops;

    public JobScheduler(SchedulerProperties props, ClaimStore claims, LeaseStore leases, JobRunner runner, Mono<Long> prune) {
        this.props = props;
        this.claims = claims;
        this.leases = leases;
        this.runner = runner;
        this.prune = prune;
    }

    public String instanceId() {
        return props.instanceId();
    }

    /** Executes a run this replica claimed (scheduled, taken over or by hand) under its leases; emits its log. */
    public Mono<JobLogView> submit(ClaimedRun run) {
        Sinks.Many<ClaimedRun> current = queue;
        if (current == null) {
            // stopped: the claim lapses and another replica (or this one, restarted) takes the run over
            return Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "scheduler-stopped",
                    "This replica's scheduler is stopped; the run will be taken over"));
        }
        Handle handle = new Handle(Sinks.one(), Sinks.empty());
        inFlight.put(run.id(), handle);
        current.emitNext(run, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        return handle.result().asMono();
    }

    /** The result of a run in flight, and the switch that stops it when its claim is lost. */
    private record Handle(Sinks.One<JobLogView> result, Sinks.Empty<Void> cancel) {
    }

    /**
     * One look for due runs; emits how long to pause before the next. A cheap indexed read says
     * whether anything is due within {@code claimAhead}; only then a claim transaction runs. After
     * a full batch it goes again at once, otherwise after {@code pollInterval}.
     */
    private Mono<Duration> claimCycle() {
        int free = Math.min(props.batchSize(), props.maxConcurrentRuns() - inFlight.size());
        if (free <= 0) {
            return Mono.just(props.pollInterval());
        }
        return claims.untilNextDue()
                .filter(until -> until.compareTo(props.claimAhead()) <= 0)
                .flatMap(due -> claims.claimDue(props.instanceId(), free, props.claimAhead(), props.leaseTimeout(),
                                props.catchUpWindow())
                        .map(runs -> {
                            runs.forEach(this::submit);
                            return runs.size() == free ? Duration.ZERO : props.pollInterval();
                        }))
                .defaultIfEmpty(props.pollInterval())
                .onErrorResume(e -> {
                    log.warn("Claiming due jobs failed, retrying: {}", e.toString());
                    return Mono.just(props.pollInterval().multipliedBy(5));
                });
    }

    private Mono<Void> upkeep() {
        Set<UUID> held = Set.copyOf(inFlight.keySet());
        return leases.renew(props.instanceId(), held, props.leaseTimeout())
                .doOnNext(lost -> lost.forEach(this::lost))
                .then(props.enabled() ? leases.expireAwaiting(props.batchSize())
                        .then(leases.takeOver(props.instanceId(), props.maxAttempts(), props.leaseTimeout(), props.batchSize()))
                        .doOnNext(runs -> runs.forEach(this::submit)).then() : Mono.<Void>empty())
                .onErrorResume(e -> {
                    log.warn("Job scheduler upkeep failed, retrying: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** A run whose lease another replica took (this one stalled): stop it, its end would be refused anyway. */
    private void lost(UUID id) {
        Handle handle = inFlight.get(id);
        if (handle != null) {
            log.warn("Run {} was taken over by another replica; stopping it here", id);
            handle.cancel().tryEmitEmpty();
        }
    }

    private Mono<Void> execute(ClaimedRun run) {
        Handle handle = inFlight.get(run.id());
        Mono<Void> cancel = handle == null ? Mono.never() : handle.cancel().asMono();
        // claimed ahead: wait for the planned time (a manual or late run starts at once)
        Duration wait = Duration.between(Instant.now(), run.plannedAt());
        Mono<Long> startAt = wait.isNegative() || wait.isZero() ? Mono.just(0L) : Mono.delay(wait);
        return startAt.then(runner.execute(run))
                .takeUntilOther(cancel)
                .onErrorResume(e -> {
                    log.warn("Run {} of job {} could not be recorded: {}", run.id(), run.jobId(), e.toString());
                    return Mono.empty();
                })
                .doOnSuccess(logView -> {
                    Handle done = inFlight.remove(run.id());
                    if (done != null) {
                        done.result().tryEmitValue(logView);
                    }
                })
                .then();
    }

    /** Runs (manual ones) always execute here; with {@code enabled=false} this replica claims nothing scheduled. */
    @Override
    public synchronized void start() {
        if (loops != null) {
            return;
        }
        // A fresh queue per start: a test context may be paused (stopped) and started again.
        Sinks.Many<ClaimedRun> fresh = Sinks.many().unicast().onBackpressureBuffer();
        loops = Disposables.composite(
                fresh.asFlux().flatMap(this::execute, props.maxConcurrentRuns()).subscribe(),
                Flux.interval(props.heartbeatInterval()).onBackpressureDrop().concatMap(t -> upkeep()).subscribe());
        queue = fresh;
        if (props.enabled()) {
            loops.add(Flux.defer(this::claimCycle).concatMap(pause -> pause.isZero() ? Mono.empty() : Mono.delay(pause))
                    .repeat().subscribe());
            loops.add(Flux.interval(props.pruneInterval()).onBackpressureDrop()
                    .concatMap(t -> prune.onErrorResume(e -> Mono.empty())).subscribe());
        }
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    /** Stops claiming and executing, then hands this replica's running runs to the others at once. */
    @Override
    public void stop(Runnable callback) {
        if (!kill()) {
            callback.run();
            return;
        }
        leases.release(props.instanceId()).timeout(Duration.ofSeconds(5))
                .doFinally(signal -> callback.run())
                .subscribe(n -> { }, e -> log.warn("Could not release claims at stop: {}", e.toString()));
    }

    /** Stops dead, without a word to the database: what a crashed replica does (its leases lapse). */
    public synchronized boolean kill() {
        Disposable current = loops;
        loops = null;
        queue = null;
        if (current == null) {
            return false;
        }
        current.dispose();
        inFlight.values().forEach(h -> h.cancel().tryEmitEmpty());
        inFlight.clear();
        return true;
    }

    @Override
    public boolean isRunning() {
        return loops != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
