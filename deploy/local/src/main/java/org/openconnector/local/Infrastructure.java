package org.openconnector.local;

import org.openconnector.local.kafka.KafkaBroker;
import org.openconnector.local.postgres.EmbeddedDatabase;
import org.openconnector.local.process.LogFiles;
import org.openconnector.local.process.ShutdownSequence;
import org.openconnector.local.services.ClassDataSharing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Starts the embedded PostgreSQL and the Kafka broker in the background. Each is registered with
 * the shutdown sequence as soon as its start begins, so a signal mid-start still stops it.
 */
final class Infrastructure {

    private final Settings settings;
    private final ShutdownSequence shutdown;
    private final PrintStream out;
    private final Executor background;
    private final Path javaBin;
    private final ClassDataSharing cds;

    Infrastructure(Settings settings, ShutdownSequence shutdown, PrintStream out, Executor background,
                   Path javaBin, ClassDataSharing cds) {
        this.settings = settings;
        this.shutdown = shutdown;
        this.out = out;
        this.background = background;
        this.javaBin = javaBin;
        this.cds = cds;
    }

    CompletableFuture<EmbeddedDatabase> startPostgres() {
        Path dataDir = settings.dataDir().resolve("postgres");
        out.printf("Starting PostgreSQL (data in %s) ...%n", dataDir);
        CompletableFuture<EmbeddedDatabase> db = CompletableFuture.supplyAsync(() -> Unchecked.get(() -> {
            Path log = settings.logDir().resolve("postgres.log");
            LogFiles.rotate(log);
            return EmbeddedDatabase.start(dataDir, settings.pgPort(), log,
                    settings.dbName(), settings.dbUser(), settings.dbPassword());
        }), background);
        shutdown.push("PostgreSQL", () -> closeWhenStarted(db));
        return db;
    }

    CompletableFuture<KafkaBroker> startKafka() {
        Path dir = settings.dataDir().resolve("kafka");
        out.printf("Starting Kafka (KRaft, data in %s) ...%n", dir);
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> Unchecked.get(() ->
                KafkaBroker.start(javaBin, settings.brokerClasspath(), settings.kafkaJvmOptions(),
                        cds.planForClasspath("kafka", settings.brokerClasspath()), dir,
                        settings.kafkaPort(), settings.kafkaControllerPort(),
                        settings.logDir().resolve("kafka.log"), settings.startTimeout())), background);
        shutdown.push("Kafka", () -> closeWhenStarted(kafka));
        return kafka;
    }

    /** Waits for a start still in flight, then stops what it produced; a failed start has nothing to stop. */
    private static void closeWhenStarted(CompletableFuture<? extends AutoCloseable> starting) throws Exception {
        AutoCloseable started = starting.exceptionally(e -> null).join();
        if (started != null) {
            started.close();
        }
    }
}
