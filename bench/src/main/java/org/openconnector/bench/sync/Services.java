package org.openconnector.bench.sync;

import org.openconnector.common.test.RealInfrastructure;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** connector-, mapping- and sync-service from their exec jars on the test infrastructure (run from the repository root). */
final class Services implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byName = new java.util.HashMap<>();
    private final Map<String, String> urls = new java.util.HashMap<>();

    static Services start() throws Exception {
        Services s = new Services();
        try {
            s.launch("connector-service", Map.of("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true"));
            s.launch("mapping-service", Map.of());
            s.launch("sync-service", Map.of("CONNECTOR_SERVICE_URL", s.connector(), "MAPPING_SERVICE_URL", s.mapping()));
            for (String name : List.of("connector-service", "mapping-service", "sync-service")) {
                s.awaitReady(name);
            }
            return s;
        } catch (Exception e) {
            s.close(); // leave no service processes behind
            throw e;
        }
    }

    String connector() {
        return urls.get("connector-service");
    }

    String mapping() {
        return urls.get("mapping-service");
    }

    String sync() {
        return urls.get("sync-service");
    }

    /** The service processes by name (for CPU accounting). */
    Map<String, ProcessHandle> handles() {
        Map<String, ProcessHandle> out = new java.util.LinkedHashMap<>();
        byName.forEach((name, p) -> out.put(name, p.toHandle()));
        return out;
    }

    private void launch(String name, Map<String, String> env) throws Exception {
        File[] jars = Path.of(name, "target").toFile().listFiles((dir, f) -> f.startsWith(name + "-") && f.endsWith("-exec.jar"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("Build " + name + " first: mvn -q -DskipTests -pl " + name + " package");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                name.equals("sync-service") ? "-Xmx256m" : "-Xmx512m"));
        String opts = System.getenv("BENCH_SERVICE_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jars[0].getPath(),
                "--openconnector.crypto.keys.test=" + RealInfrastructure.TEST_CRYPTO_KEY, "--logging.level.root=WARN"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(Path.of("bench", "target", name + ".log").toFile());
        pb.environment().putAll(RealInfrastructure.serviceEnvironment());
        pb.environment().putAll(env);
        pb.environment().put("PORT", String.valueOf(port));
        Process process = pb.start();
        processes.add(process);
        byName.put(name, process);
        urls.put(name, "http://localhost:" + port);
    }

    private void awaitReady(String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(urls.get(name) + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready; see bench/target/" + name + ".log");
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
