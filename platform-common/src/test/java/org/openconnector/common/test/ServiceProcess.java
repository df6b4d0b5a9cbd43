package org.openconnector.common.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One platform service started from its runnable jar as a separate JVM, as the local platform and
 * Kubernetes run it, against the shared test infrastructure. Stopped with SIGTERM so graceful
 * shutdown runs; killed if it hangs. Use it where a test needs another service for real: the
 * module's pom must depend on that service (test scope) so the reactor builds its jar first.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts module {@code name} (e.g. {@code connector-service}) from its {@code *-exec.jar} next to
     * the current module, with {@link RealInfrastructure#serviceEnvironment()} plus {@code env}.
     */
    public static ServiceProcess start(String name, Map<String, String> env, List<String> args) throws IOException {
        return start(name, freePort(), env, args);
    }

    /** As {@link #start(String, Map, List)} on a given port (so other services can be told it first). */
    public static ServiceProcess start(String name, int port, Map<String, String> env, List<String> args) throws IOException {
        File jar = locateJar(name);
        Path logDir = Path.of(System.getProperty("user.dir"), "target", "service-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.getPath(),
                "--openconnector.crypto.keys.test=" + RealInfrastructure.TEST_CRYPTO_KEY));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(RealInfrastructure.serviceEnvironment());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        return service;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Waits until the service reports readiness; fails with the log's tail if it died or never got ready. */
    public void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static File locateJar(String module) {
        File target = Path.of(System.getProperty("user.dir")).getParent().resolve(module).resolve("target").toFile();
        File[] jars = target.listFiles((dir, file) -> file.startsWith(module + "-") && file.endsWith("-exec.jar"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("Expected one runnable jar of " + module + " in " + target
                    + " (build it first: mvn -DskipTests -pl " + module + " package)");
        }
        return jars[0];
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
