package org.openconnector.bench.connector;

import org.openconnector.common.test.RealInfrastructure;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * connector-service from its exec jar as a separate JVM (as deployed: {@code -Xmx512m}, logging at WARN) on the
 * test support's PostgreSQL and Kafka, for the connector drivers. Its output goes to {@code bench/target/<log>}.
 */
final class ConnectorProcess {

    private ConnectorProcess() {
    }

    static Process start(int port, String log) throws Exception {
        File[] jars = Path.of("connector-service", "target").toFile()
                .listFiles((dir, f) -> f.startsWith("connector-service-") && f.endsWith("-exec.jar"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("Build connector-service first: mvn -q -DskipTests -pl connector-service package");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jars[0].getPath(), "--openconnector.crypto.keys.test=" + RealInfrastructure.TEST_CRYPTO_KEY, "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(Path.of("bench", "target", log).toFile());
        pb.environment().putAll(RealInfrastructure.serviceEnvironment());
        // the drivers' sources are loopback servers
        pb.environment().put("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true");
        pb.environment().put("PORT", String.valueOf(port));
        return pb.start();
    }

    /** Polls readiness (a driver's own main thread, so sleeping here blocks nothing) for up to five minutes. */
    static void awaitReady(String base, Process service, String log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("connector-service exited; see bench/target/" + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("connector-service not ready; see bench/target/" + log);
    }
}
