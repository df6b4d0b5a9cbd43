package org.openconnector.bench.connector;

import org.openconnector.bench.sync.SyncBench;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * connector-service's NDJSON object stream alone, with only connector-service running (from its exec
 * jar, {@code -Xmx512m}, as deployed) on the test support's PostgreSQL + Kafka: N objects of about 1 KiB
 * (the same 14-field objects as SyncBench) from a loopback source in pages of 100, read by a client that
 * only counts lines. Prints objects/s per round, the CPU seconds the service and the driver spent in it
 * (a figure the other load on a shared machine barely moves) and the service's pid (for jstack sampling).
 * Usage: {@code mvn -q -DskipTests -pl connector-service package}, then
 * {@code bench/run org.openconnector.bench.connector.ObjectStreamBench [objects] [rounds]}.
 */
// A load driver on its own main thread (bench/run): block() and sleep() pace and await another process.
public final class ObjectStreamBench {


    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000, args.length > 1 ? Integer.parseInt(args[1]) : 5);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            // The embedded broker and database keep non-daemon threads: leave no JVM behind, even on failure.
            System.exit(status);
        }
    }

    private static void run(int n, int rounds) throws Exception {
        String filler = "x".repeat(820);
        DisposableServer source = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            var q = new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).parameters();
            int page = Integer.parseInt(q.getOrDefault("page", List.of("1")).get(0));
            return res.header("Content-Type", "application/json").sendString(Mono.just(SyncBench.sourcePage(page, n, filler)));
        }).bindNow();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process service = ConnectorProcess.start(port, "object-stream-bench.log");
        try {
            String base = "http://localhost:" + port;
            ConnectorProcess.awaitReady(base, service, "object-stream-bench.log");
            System.out.println("connector-service pid " + service.pid());
            // A new connection per request: no request of this driver waits behind another on a kept-alive connection.
            WebClient api = WebClient.builder().baseUrl(base)
                    .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.newConnection()))
                    .build();
            String id = (String) api.post().uri("/api/v1/sources")
                    .bodyValue(Map.of("name", "bench", "type", "api", "location", "http://127.0.0.1:" + source.port()))
                    .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(60)).get("id");
            var self = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int round = 1; round <= rounds; round++) {
                double serviceCpu = cpuSeconds(service.pid());
                long driverCpu = self.getProcessCpuTime();
                long t = System.nanoTime();
                long lines = lines(api, id);
                double s = (System.nanoTime() - t) / 1e9;
                // CPU seconds spent per 100,000 objects: unlike objects/s, barely affected by other load on the machine.
                System.out.printf("round %d: %d lines in %.2f s = %.0f objects/s; CPU: connector-service %.2f s, driver (source + client) %.2f s;"
                                + " load average %.1f%n", round, lines, s, lines / s, cpuSeconds(service.pid()) - serviceCpu,
                        (self.getProcessCpuTime() - driverCpu) / 1e9, self.getSystemLoadAverage());
                if (lines != n) {
                    throw new IllegalStateException("expected " + n + " lines");
                }
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            source.disposeNow();
        }
    }

    /** User + system CPU time of a process so far, from /proc (Linux; clock ticks of 10 ms). */
    private static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** Lines of the stream, counted without parsing (what SyncBench's stream mode does). */
    private static long lines(WebClient api, String id) {
        return api.post().uri("/internal/sources/{id}/objects", id).accept(MediaType.APPLICATION_NDJSON)
                .bodyValue(Map.of("endpoint", "/items", "resultsPosition", "items", "pagination", Map.of("type", "page"), "maxPages", 100_000))
                .retrieve().bodyToFlux(DataBuffer.class)
                .map(b -> {
                    long c = 0;
                    for (int i = b.readPosition(); i < b.writePosition(); i++) {
                        if (b.getByte(i) == '\n') {
                            c++;
                        }
                    }
                    DataBufferUtils.release(b);
                    return c;
                })
                .reduce(0L, Long::sum).block(Duration.ofMinutes(30));
    }
}
