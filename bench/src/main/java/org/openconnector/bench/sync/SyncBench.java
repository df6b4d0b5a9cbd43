package org.openconnector.bench.sync;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synchronization end to end, every service from its exec jar (connector-service reads the source
 * and writes the target, mapping-service serves the mapping, sync-service runs it) on the test
 * support's PostgreSQL + Kafka: N objects of about 1 KiB from a paged loopback source (pages of 100)
 * through a 15-field mapping into a loopback API target, or (second argument {@code storage}) into a storage of sync-service. Prints objects/s of the first run (all
 * created), of a second run (all unchanged: nothing mapped or written) and sync-service's peak heap.
 * Usage: {@code mvn -q -DskipTests -pl connector-service,mapping-service,sync-service package}, then
 * {@code bench/run org.openconnector.bench.sync.SyncBench [objects] [api|storage|stream] [warm-up objects] [warm-up runs]} ({@code stream}:
 * only connector-service's object stream, no sync; warm-up objects, default 0: first sync that many objects, {@code warm-up
 * runs} times (default 2), in the measured runs' pattern: a new synchronization into a new storage whose objects are all
 * created, then its unchanged run, and again, so that the measured runs find the JIT warm. Per-page and per-window code
 * runs only a few hundred times per warm-up run, so the JIT keeps compiling for several runs; the CPU printed per process
 * says how much of it was the JIT's compiler threads). {@code BENCH_SERVICE_JAVA_OPTS} adds JVM options to every service
 * (e.g. {@code -XX:+UseSerialGC}). Each run also prints the CPU
 * seconds each process used ({@link CpuWatch}), the fairer comparison on a shared machine.
 */
public final class SyncBench {

    private static final int PAGE = 100;

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 10_000, args.length > 1 ? args[1] : "api",
                    args.length > 2 ? Integer.parseInt(args[2]) : 0, args.length > 3 ? Integer.parseInt(args[3]) : 2);
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    private static void run(int n, String mode, int warm, int warmRuns) throws Exception {
        boolean storage = mode.equals("storage");
        AtomicInteger created = new AtomicInteger();
        String filler = "x".repeat(820);
        PageCache items = new PageCache(n, filler);
        PageCache warmItems = new PageCache(warm, filler);
        DisposableServer apis = HttpServer.create().host("127.0.0.1").port(0).route(r -> r
                .get("/items", (req, res) -> servePage(req, res, items))
                .get("/warm", (req, res) -> servePage(req, res, warmItems))
                .post("/things", (req, res) -> req.receive().then(Mono.defer(() -> {
                    created.incrementAndGet();
                    return res.status(201).header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"id\":\"" + UUID.randomUUID() + "\"}")).then();
                })))).bindNow();
        try (Services services = Services.start()) {
            WebClient connector = client(services.connector());
            WebClient mapping = client(services.mapping());
            WebClient sync = client(services.sync());
            String location = "http://127.0.0.1:" + apis.port();
            String source = id(connector.post().uri("/api/v1/sources").bodyValue(Map.of("name", "bench source", "type", "api", "location", location)));
            String target = id(connector.post().uri("/api/v1/sources").bodyValue(Map.of("name", "bench target", "type", "api", "location", location)));
            String mappingId = id(mapping.post().uri("/api/v1/mappings").bodyValue(Map.of("name", "bench", "mapping", fifteenFields())));
            if (mode.equals("stream")) {
                stream(connector, source, n);
                return;
            }
            if (warm > 0) {
                // JIT warm-up on synchronizations of their own, in the measured runs' pattern: a new synchronization
                // (into a new storage) whose objects are all created, then its unchanged run, and again
                String warmSync = null;
                for (int i = 0; i < warmRuns; i++) {
                    if (i % 2 == 0) {
                        warmSync = synchronization(sync, "warm" + (i / 2 + 1), storage, source, target, mappingId, "/warm");
                    }
                    long t = System.nanoTime();
                    sync.post().uri("/api/v1/synchronizations/{id}/run", warmSync).retrieve().bodyToMono(Map.class)
                            .block(Duration.ofMinutes(30));
                    System.out.printf("warm-up run %d (%s): %d objects in %.2f s%n", i + 1, i % 2 == 0 ? "all created" : "unchanged",
                            warm, (System.nanoTime() - t) / 1e9);
                }
            }
            String syncId = synchronization(sync, "bench", storage, source, target, mappingId, "/items");
            created.set(0); // count the measured runs' API creates only
            HeapWatch heap = new HeapWatch(sync);
            CpuWatch cpu = new CpuWatch(services.handles());
            for (String label : new String[] {"first run (all created)", "second run (all unchanged)"}) {
                cpu.start();
                long t = System.nanoTime();
                Map<?, ?> log = sync.post().uri("/api/v1/synchronizations/{id}/run", syncId).retrieve().bodyToMono(Map.class)
                        .block(Duration.ofMinutes(30));
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf("%s: %d objects in %.2f s = %.0f objects/s; counts %s; stages %s%n", label, n, s, n / s,
                        log.get("counts"), log.get("stages"));
                System.out.printf("%s CPU: %s; load average %s%n", label.substring(0, label.indexOf(' ')), cpu.stop(), load());
                if (!"success".equals(log.get("status"))) {
                    throw new IllegalStateException("run failed: " + log.get("error"));
                }
            }
            System.out.printf("target: %s; API target objects created: %d; sync-service peak heap used: %d MiB%n", storage ? "storage" : "api", created.get(), heap.stop() >> 20);
        } finally {
            apis.disposeNow();
        }
    }

    private static String synchronization(WebClient sync, String name, boolean storage, String source, String target, String mappingId,
                                          String endpoint) {
        if (storage) {
            sync.post().uri("/api/v1/storages").bodyValue(Map.of("identifier", name)).retrieve().toBodilessEntity()
                    .block(Duration.ofSeconds(60));
        }
        return id(sync.post().uri("/api/v1/synchronizations").bodyValue(Map.of("name", name, "sourceId", source,
                "targetId", storage ? name : target, "targetType", storage ? "storage" : "api", "sourceTargetMapping", mappingId,
                "sourceConfig", Map.of("endpoint", endpoint, "resultsPosition", "items", "pagination", Map.of("type", "page")),
                "targetConfig", Map.of("endpoint", "/things"))));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The ceiling for any sync: connector-service's NDJSON object stream alone (lines counted, nothing parsed). */
    private static void stream(WebClient connector, String source, int n) {
        for (int round = 1; round <= 2; round++) {
            long t = System.nanoTime();
            Long lines = connector.post().uri("/internal/sources/{id}/objects", source)
                    .accept(org.springframework.http.MediaType.APPLICATION_NDJSON)
                    .bodyValue(Map.of("endpoint", "/items", "resultsPosition", "items", "pagination", Map.of("type", "page"), "maxPages", 100_000))
                    .retrieve().bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class)
                    .map(b -> {
                        long c = 0;
                        for (int i = b.readPosition(); i < b.writePosition(); i++) {
                            if (b.getByte(i) == '\n') {
                                c++;
                            }
                        }
                        org.springframework.core.io.buffer.DataBufferUtils.release(b);
                        return c;
                    })
                    .reduce(0L, Long::sum).block(Duration.ofMinutes(30));
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("source stream alone, round %d: %d lines in %.2f s = %.0f objects/s%n", round, lines, s, lines / s);
        }
    }

    /**
     * The loopback source answers over real HTTP, but it stands for an external system whose CPU is not
     * the platform's: every page is rendered before the first run and each request gets the same bytes,
     * so the bench JVM's CPU during a run is the HTTP serving, not string building.
     */
    private static final class PageCache {
        private final int n;
        private final String filler;
        private final java.util.concurrent.ConcurrentHashMap<Integer, byte[]> pages = new java.util.concurrent.ConcurrentHashMap<>();

        PageCache(int n, String filler) {
            this.n = n;
            this.filler = filler;
            for (int p = 1; p <= n / PAGE + 1; p++) { // every page and the empty one after the last, before any run
                page(p);
            }
        }

        byte[] page(int page) {
            return pages.computeIfAbsent(page, p -> sourcePage(p, n, filler).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static org.reactivestreams.Publisher<Void> servePage(reactor.netty.http.server.HttpServerRequest req,
                                                                  reactor.netty.http.server.HttpServerResponse res, PageCache pages) {
        var q = new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).parameters();
        int page = Integer.parseInt(q.getOrDefault("page", java.util.List.of("1")).get(0));
        byte[] body = pages.page(page);
        return res.header("Content-Type", "application/json").header("Content-Length", String.valueOf(body.length))
                .sendByteArray(Mono.just(body));
    }

    /** Page {@code page} of the bench source: 100 objects of about 1 KiB, 14 fields each (also served by ObjectStreamBench). */
    public static String sourcePage(int page, int n, String filler) {
        StringBuilder out = new StringBuilder("{\"items\":[");
        for (int i = (page - 1) * PAGE; i < Math.min(n, page * PAGE); i++) {
            if (out.charAt(out.length() - 1) == '}') {
                out.append(',');
            }
            out.append("{\"id\":\"o").append(i).append("\",\"firstName\":\"Ann\",\"lastName\":\"Lee ").append(i)
                    .append("\",\"email\":\"ann").append(i).append("@example.org\",\"age\":\"").append(20 + i % 50)
                    .append("\",\"active\":\"yes\",\"city\":\"Utrecht\",\"street\":\"Main ").append(i)
                    .append("\",\"zip\":\"3511\",\"country\":\"NL\",\"phone\":\"+31 6 1234 ").append(i)
                    .append("\",\"company\":\"Acme\",\"title\":\"Engineer\",\"notes\":\"").append(filler).append("\"}");
        }
        return out.append("]}").toString();
    }

    private static Map<String, Object> fifteenFields() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("externalId", "id");
        m.put("name", "{{ firstName }} {{ lastName }}");
        m.put("email", "email");
        m.put("age", "age");
        m.put("active", "active");
        m.put("address.city", "city");
        m.put("address.street", "street");
        m.put("address.zip", "zip");
        m.put("address.country", "country");
        m.put("phone", "phone");
        m.put("company", "company");
        m.put("jobTitle", "title");
        m.put("notes", "notes");
        m.put("source", "bench");
        m.put("first", "firstName");
        return m;
    }

    private static WebClient client(String base) {
        return WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build();
    }

    private static String id(WebClient.RequestHeadersSpec<?> request) {
        return (String) request.retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(60)).get("id");
    }

    /** Samples sync-service's used heap (all heap pools) every 100 ms and keeps the peak. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        HeapWatch(WebClient sync) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    Map<?, ?> m = sync.get().uri("/actuator/metrics/jvm.memory.used?tag=area:heap").retrieve()
                            .bodyToMono(Map.class).block(Duration.ofSeconds(5));
                    Object value = ((Map<?, ?>) ((java.util.List<?>) m.get("measurements")).get(0)).get("value");
                    peak.accumulateAndGet(((Number) value).longValue(), Math::max);
                } catch (RuntimeException ignored) {
                    // a missed sample only lowers the resolution
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        long stop() {
            timer.shutdownNow();
            return peak.get();
        }
    }
}
