package org.openconnector.local.services;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for a Spring Boot service in tests (six real ones are too heavy for CI): a JDK-only
 * process that serves {@code /actuator/health/readiness} on {@code $PORT}, records a graceful stop
 * in {@code $FAKE_STOPPED_FILE}, or dies at once with {@code $FAKE_EXIT_CODE}.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        String exitCode = System.getenv("FAKE_EXIT_CODE");
        if (exitCode != null) {
            System.out.println("boom: failing on purpose");
            System.exit(Integer.parseInt(exitCode));
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, up.length);
            exchange.getResponseBody().write(up);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            try {
                Files.writeString(Path.of(System.getenv("FAKE_STOPPED_FILE")), "stopped on SIGTERM");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        System.out.println("fake service listening on " + port);
    }
}
