package org.openconnector.local;

import org.openconnector.local.crypto.LocalKey;
import org.openconnector.local.health.ReadinessWait;
import org.openconnector.local.health.ReadinessWait.Outcome;
import org.openconnector.local.kafka.KafkaBroker;
import org.openconnector.local.postgres.EmbeddedDatabase;
import org.openconnector.local.process.ChildProcess;
import org.openconnector.local.process.LogFiles;
import org.openconnector.local.process.ShutdownSequence;
import org.openconnector.local.services.ClassDataSharing;
import org.openconnector.local.services.ServiceGroup;
import org.openconnector.local.services.ServiceSpec;

import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One run of the platform: PostgreSQL and Kafka ({@link Infrastructure}, in parallel), then the six
 * services, then wait for readiness and watch for crashes. Everything started is registered with the shutdown sequence
 * before anything else starts, so any exit path stops it in reverse order.
 */
final class PlatformRun {

    private final Settings settings;
    private final ShutdownSequence shutdown;
    private final PrintStream out;
    private final Instant startedAt = Instant.now();
    private final List<ChildProcess> watched = new ArrayList<>();
    // Start-up work that runs side by side (ForkJoin's common pool has one thread on two cores).
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openconnector-start");
        t.setDaemon(true);
        return t;
    });

    private final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    private final ClassDataSharing cds;

    PlatformRun(Settings settings, ShutdownSequence shutdown, PrintStream out) {
        this.settings = settings;
        this.cds = new ClassDataSharing(settings.classDataCache(), javaBin);
        this.shutdown = shutdown;
        this.out = out;
    }

    /** @return the process exit code: 0 after a requested stop, 1 after a failure or crash */
    int run() throws Exception {
        DataDir.prepare(settings, out);
        RunState.writeLauncherPid(settings.dataDir());  // after --clean, which would wipe it
        // Initialise logging (into .data/logs/launcher.log) before threads race to do it, which
        // SLF4J would complain about on the console.
        LoggerFactory.getLogger(PlatformRun.class).info("starting: data {}, embedded PostgreSQL {}, embedded Kafka {}",
                settings.dataDir(), settings.embeddedPostgres(), settings.embeddedKafka());
        Ports.requireFree(PortPlan.of(settings));
        Map<ServiceSpec, Path> jars = new LinkedHashMap<>();
        for (ServiceSpec spec : settings.services()) {
            jars.put(spec, spec.jar(settings.root()));  // fail before starting anything if one is missing
        }
        String key = LocalKey.loadOrCreate(settings.dataDir().resolve("crypto"));

        // Class-data archives are prepared while PostgreSQL and Kafka start (first run: jar extraction).
        Map<ServiceSpec, CompletableFuture<ClassDataSharing.Plan>> plans = new LinkedHashMap<>();
        jars.forEach((spec, jar) -> plans.put(spec,
                CompletableFuture.supplyAsync(() -> cds.plan(spec.name(), jar), background)));
        Infrastructure infra = new Infrastructure(settings, shutdown, out, background, javaBin, cds);
        CompletableFuture<EmbeddedDatabase> db = settings.embeddedPostgres() ? infra.startPostgres() : null;
        CompletableFuture<KafkaBroker> kafka = settings.embeddedKafka() ? infra.startKafka() : null;
        if (db != null) {
            db.join();
            out.printf("  %-18s ready on localhost:%d (%s)%n", "PostgreSQL", settings.pgPort(), elapsed());
        }

        // Services start without waiting for Kafka: their clients connect (and retry) on their own,
        // and the broker's start-up leaves CPU idle that the services can use.
        ServiceGroup services = new ServiceGroup(settings.root(), settings.logDir(), javaBin, settings.serviceJvmOptions());
        shutdown.push("services", services::stopAll);
        Map<String, String> env = ServiceEnvironment.of(settings, key, System.getenv());
        List<ReadinessWait.Target> targets = new ArrayList<>();
        out.printf("Starting %d services (logs in %s) ...%n", settings.services().size(), settings.logDir());
        for (ServiceSpec spec : settings.services()) {
            ChildProcess child = services.start(spec, plans.get(spec).join(), env);
            watched.add(child);
            targets.add(new ReadinessWait.Target(child, URI.create(spec.baseUrl() + "/actuator/health/readiness")));
        }
        if (kafka != null) {
            kafka.thenRun(() -> out.printf("  %-18s ready on %s (%s)%n", "Kafka", settings.kafkaBootstrap(), elapsed()));
        }
        RunState.writePids(settings.dataDir(), watched);

        Outcome outcome = new ReadinessWait().await(targets, watched, settings.startTimeout(),
                t -> out.printf("  %-18s ready (%s)%n", t.process().name(), elapsed()));
        Map<ChildProcess, ClassDataSharing.Plan> training = new LinkedHashMap<>();
        services.running().forEach(child -> training.put(child, services.plan(child)));
        if (outcome instanceof Outcome.Ready && kafka != null) {
            KafkaBroker broker = kafka.join();  // a broker that failed to start throws here
            watched.add(broker.process());
            training.put(broker.process(), broker.classDataSharing());
            RunState.writePids(settings.dataDir(), watched);
        }
        if (outcome instanceof Outcome.Died died) {
            return reportDeath(died.process(), "while starting");
        }
        if (outcome instanceof Outcome.TimedOut timedOut) {
            out.printf("%nStill not ready after %s (OPENCONNECTOR_START_TIMEOUT=%d): %s. See their logs in %s%n",
                    elapsed(), settings.startTimeout().toSeconds(), timedOut.notReady(), settings.logDir());
            return 1;
        }
        Banner.print(out, settings, elapsed());
        recordClassData(training);
        return watchUntilExit(db == null ? Optional.empty() : db.join().postmaster());
    }

    /** First run after a build: archive each JVM's classes now that it is up, one at a time. */
    private void recordClassData(Map<ChildProcess, ClassDataSharing.Plan> plans) {
        plans.forEach((child, plan) -> cds.dropIfUnusable(plan, child.logFile()));
        plans.values().removeIf(plan -> !plan.isTraining());
        if (plans.isEmpty()) {
            return;
        }
        out.println("(Recording class-data archives in the background so the next start is faster.)");
        background.execute(() -> plans.forEach((child, plan) -> {
            if (child.isAlive() && !shutdown.isDone()) {
                cds.record(child.pid(), plan);
            }
        }));
    }

    /** Blocks until a child (or PostgreSQL) exits; after Ctrl-C that is expected, otherwise it is a crash. */
    private int watchUntilExit(Optional<ProcessHandle> postmaster) {
        List<CompletableFuture<?>> exits = new ArrayList<>();
        watched.forEach(child -> exits.add(child.onExit()));
        postmaster.ifPresent(pg -> exits.add(pg.onExit()));
        Object exited = CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
        if (shutdown.isDone() || (exited instanceof ChildProcess child && child.isStopping())) {
            return 0;
        }
        if (exited instanceof ChildProcess child) {
            return reportDeath(child, "unexpectedly");
        }
        out.printf("%nPostgreSQL exited unexpectedly. See %s%nStopping the rest of the platform.%n",
                settings.logDir().resolve("postgres.log"));
        return 1;
    }

    private int reportDeath(ChildProcess child, String when) {
        out.printf("%n%s exited %s (exit code %d). From %s:%n", child.name(), when,
                child.exitValue(), child.logFile());
        LogFiles.crashExcerpt(child.logFile(), 10).forEach(line -> out.println("  | " + line));
        out.println("Stopping the rest of the platform.");
        return 1;
    }

    private String elapsed() {
        return String.format("%.1f s", Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
    }
}
