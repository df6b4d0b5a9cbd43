package org.openconnector.local.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.openconnector.local.process.ChildProcess;
import org.openconnector.local.process.LogFiles;
import org.openconnector.local.services.ClassDataSharing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker run as its own process from the {@code org.apache.kafka:kafka_2.13}
 * jars on the launcher's classpath ({@code kafka.Kafka server.properties}). The storage directory is
 * formatted once ({@code StorageTool format --standalone}) and kept between runs.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;
    private final ClassDataSharing.Plan cds;

    private KafkaBroker(ChildProcess process, int port, ClassDataSharing.Plan cds) {
        this.process = process;
        this.port = port;
        this.cds = cds;
    }

    /**
     * @param dir       broker home: {@code server.properties} and {@code data/} live here
     * @param classpath classpath with kafka_2.13 and a log4j2 binding (the same string on every run,
     *                  or the broker's class-data archive does not match)
     * @param jvmOptions heap and GC flags of the broker JVM
     * @param cds       class-data sharing for the broker JVM ({@link ClassDataSharing#planForClasspath})
     */
    public static KafkaBroker start(Path javaBin, String classpath, List<String> jvmOptions,
                                    ClassDataSharing.Plan cds, Path dir,
                                    int port, int controllerPort, Path logFile, Duration readyTimeout)
            throws IOException, InterruptedException {
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir);
        Path serverProperties = dir.resolve("server.properties");
        Files.writeString(serverProperties, new BrokerConfig(dataDir, port, controllerPort).render());
        Path log4j = dir.resolve("log4j2.properties");
        try (var in = KafkaBroker.class.getResourceAsStream("/kafka-log4j2.properties")) {
            Files.copy(in, log4j, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        LogFiles.rotate(logFile);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(javaBin, classpath, dir, serverProperties, log4j, logFile);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(cds.jvmArgs());
        List<String> command = javaCommand(javaBin, classpath, log4j, options, "kafka.Kafka", serverProperties.toString());
        ChildProcess process = ChildProcess.start("kafka", command, Map.of(), dir, logFile);
        KafkaBroker broker = new KafkaBroker(process, port, cds);
        try {
            broker.awaitReady(readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static void format(Path javaBin, String classpath, Path dir, Path serverProperties, Path log4j,
                               Path logFile) throws IOException, InterruptedException {
        List<String> command = javaCommand(javaBin, classpath, log4j, List.of("-Xmx256m", "-XX:+UseSerialGC"),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString(), "--standalone");
        Process format = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting the Kafka storage failed; see " + logFile);
        }
    }

    private static List<String> javaCommand(Path javaBin, String classpath, Path log4j, List<String> jvmOptions,
                                            String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** Ready when the broker answers a metadata request; a broker that died meanwhile fails fast. */
    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("Kafka exited with code " + process.exitValue() + " while starting; see "
                            + process.logFile());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    admin.listTopics().names().get(3, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IOException("Kafka did not become ready within " + timeout.toSeconds() + " s; see "
                                + process.logFile());
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    public ClassDataSharing.Plan classDataSharing() {
        return cds;
    }

    /** Controlled shutdown on SIGTERM; killed (with anything it spawned) if it overstays. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
