package org.openconnector.bench.connector;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * connector-service's call engine under load, with the service run from its exec jar (as deployed)
 * on the test support's PostgreSQL + Kafka and a loopback source:
 * (1) objects/s of {@code POST /internal/sources/{id}/objects} over 1,000 pages of 100 objects;
 * (2) p50/p99 of a small GET sent directly with WebClient vs. through {@code POST /internal/sources/{id}/call}
 * (which adds the hop into the service and the engine: auth, policy, breaker, rate limit, call log).
 * Usage: build the jar ({@code mvn -q -DskipTests -pl connector-service package}), then
 * {@code bench/run org.openconnector.bench.connector.SourceCallBench [calls] [runs]}.
 */
// A load driver run from its own main thread (bench/run), never on an event loop: its block() and
// sleep() calls pace and await the load it generates against services in other processes.
public final class SourceCallBench {

    private static final int PAGES = 1000;
    private static final int SIZE = 100;

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            // The embedded broker and database keep non-daemon threads: leave no JVM behind, even on failure.
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DisposableServer source = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            var decoder = new io.netty.handler.codec.http.QueryStringDecoder(req.uri());
            String body = "{\"ok\":true}";
            if (decoder.path().equals("/items")) {
                int n = Integer.parseInt(decoder.parameters().getOrDefault("page", List.of("1")).get(0));
                body = n <= PAGES ? page(n) : "{\"items\":[]}";
            }
            return res.header("Content-Type", "application/json").sendString(Mono.just(body));
        }).bindNow();
        Process service = startService();
        try {
            String base = "http://localhost:" + port;
            ConnectorProcess.awaitReady(base, service, "connector-service.log");
            WebClient api = WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(1 << 20)).build();
            String location = "http://127.0.0.1:" + source.port();
            String id = (String) api.post().uri("/api/v1/sources").bodyValue(Map.of("name", "bench", "type", "api", "location", location))
                    .retrieve().bodyToMono(Map.class).block().get("id");

            System.out.println("warm-up ...");
            objects(api, id, 200);
            latencies("warm-up direct", () -> WebClient.create(location).get().uri("/ping").retrieve().bodyToMono(String.class), calls / 2);
            latencies("warm-up engine", () -> api.post().uri("/internal/sources/{id}/call", id).bodyValue(Map.of("endpoint", "/ping"))
                    .retrieve().bodyToMono(String.class), calls / 2);

            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                long objects = objects(api, id, PAGES);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d objects: %d objects (%d pages of %d) in %.2f s = %.0f objects/s%n", run, objects, PAGES, SIZE, s, objects / s);
            }
            WebClient direct = WebClient.create(location);
            for (int run = 1; run <= runs; run++) {
                List<Long> d = latencies("direct", () -> direct.get().uri("/ping").retrieve().bodyToMono(String.class), calls);
                List<Long> e = latencies("engine", () -> api.post().uri("/internal/sources/{id}/call", id).bodyValue(Map.of("endpoint", "/ping"))
                        .retrieve().bodyToMono(String.class), calls);
                List<Long> hop = latencies("service hop", () -> api.get().uri("/actuator/health/liveness").retrieve().bodyToMono(String.class), calls);
                System.out.printf("run %d latency (%d sequential calls): direct WebClient p50 %.3f ms p99 %.3f ms | via call engine p50 %.3f ms p99 %.3f ms"
                                + " | added p50 %.3f ms p99 %.3f ms | (service hop alone, /actuator/health/liveness: p50 %.3f ms p99 %.3f ms)%n",
                        run, calls, pct(d, .5), pct(d, .99), pct(e, .5), pct(e, .99), pct(e, .5) - pct(d, .5), pct(e, .99) - pct(d, .99),
                        pct(hop, .5), pct(hop, .99));
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            source.disposeNow();
        }
    }

    /** Page n: 100 small objects with ids unique across pages (a repeated page would end the stream). */
    private static String page(int n) {
        return IntStream.range((n - 1) * SIZE, n * SIZE).mapToObj(i -> "{\"id\":" + i + ",\"name\":\"object " + i + "\",\"active\":true}")
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }

    private static long objects(WebClient api, String id, int pages) {
        return api.post().uri("/internal/sources/{id}/objects", id)
                .bodyValue(Map.of("endpoint", "/items", "pagination", Map.of("type", "page"), "maxPages", pages))
                .retrieve().bodyToFlux(String.class).count().block(Duration.ofMinutes(5));
    }

    private static List<Long> latencies(String label, Supplier<Mono<String>> call, int n) {
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            try {
                call.get().timeout(Duration.ofSeconds(30)).block();
                out.add(System.nanoTime() - t);
            } catch (RuntimeException e) {
                System.out.println(label + " call " + i + " failed: " + e);
            }
        }
        out.sort(Long::compare);
        return out;
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static int port;

    private static Process startService() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return ConnectorProcess.start(port, "connector-service.log");
    }
}
