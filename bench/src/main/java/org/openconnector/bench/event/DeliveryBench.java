package org.openconnector.bench.event;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.event.EventApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sustained webhook deliveries of event-service, in one JVM with the real PostgreSQL and Kafka of
 * the test support: events are written to the outbox at a fixed rate (as any service would), go
 * through Kafka, fan out to 10 signed subscriptions and reach loopback receivers. Reports
 * deliveries/s and the latency from outbox write to receipt; then again with one receiver hanging.
 * Usage: {@code bench/run org.openconnector.bench.event.DeliveryBench [eventsPerSecond] [seconds] [maxWarmUps]}.
 */
// A load driver run from its own main thread (bench/run), never on an event loop: its block() and
// sleep() calls pace and await the load it generates against services in other processes.
public final class DeliveryBench {

    private static final int SUBSCRIPTIONS = 10;
    /** The JIT counts as settled when its compiler threads used less than this share of the JVM's CPU in a warm-up run. */
    private static final double JIT_SETTLED = 0.10;

    public static void main(String[] args) {
        try {
            bench(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // the embedded broker and database keep non-daemon threads: leave explicitly
            System.exit(1);
        }
    }

    private static void bench(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Map<String, Object> props = new HashMap<>(RealInfrastructure.properties());
        props.put("server.port", "0");
        props.put("openconnector.destinations.allow-loopback", "true");
        props.put("openconnector.events.delivery.poll-interval", "50ms");
        props.put("spring.r2dbc.pool.max-size", "20");
        props.put("logging.level.root", "WARN");
        // per-stage latency (StageLatency): event-service's stage timers with histograms, up to a minute
        props.put("management.metrics.distribution.percentiles-histogram.openconnector.events.latency", "true");
        props.put("management.metrics.distribution.maximum-expected-value.openconnector.events.latency", "60s");
        // system properties: they outrank the service's own application.yml, default properties do not
        props.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EventApplication.class).run();
             BenchReceivers receivers = new BenchReceivers()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebClient api = WebClient.create("http://127.0.0.1:" + port + "/api/v1");
            // Warm-up runs as long as a measured run, repeated (up to maxWarmUps) while the JIT is still busy: on a
            // loaded 2-core machine C2 took a third of the JVM's CPU in the first measured run after one 20 s warm-up
            // (7 of 21 CPU-s, 0.4 core in its first 8 s), and that run fell behind in its first seconds.
            int maxWarmUps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            for (int w = 1; w <= maxWarmUps; w++) {
                System.out.printf("warm-up %d (%d s at %d events/s)%n", w, seconds, rate);
                CpuTime cpu = run(app, api, receivers, rate, seconds, -1, "warm-up " + w);
                if (cpu.jitMillis() < JIT_SETTLED * cpu.jvmMillis()) {
                    break;
                }
            }
            run(app, api, receivers, rate, seconds, -1, "10 healthy receivers");
            run(app, api, receivers, rate, seconds, 0, "1 of 10 receivers hanging (healthy ones measured)");
        }
    }

    private static CpuTime run(ConfigurableApplicationContext app, WebClient api, BenchReceivers receivers, int rate, int seconds,
                               int hangingReceiver, String label) throws InterruptedException {
        String type = "bench." + System.nanoTime() + ".happened";
        String eventId = (String) api.post().uri("/events").bodyValue(Map.of("name", label, "eventType", type, "timeout", 5))
                .retrieve().bodyToMono(Map.class).block().get("id");
        String run = Long.toString(System.nanoTime());
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            if (i == hangingReceiver) {
                receivers.hang(run, i);
            }
            api.post().uri("/events/{id}/subscriptions", eventId).bodyValue(Map.of("callbackUrl", receivers.url(run, i)))
                    .retrieve().bodyToMono(Map.class).block();
        }
        receivers.startRun(run);
        CpuTime cpuBefore = CpuTime.now(postgresPort());
        StageLatency stages = StageLatency.start(app.getBean(io.micrometer.core.instrument.MeterRegistry.class));
        long start = System.nanoTime();
        long expected = (long) rate * seconds * (SUBSCRIPTIONS - (hangingReceiver >= 0 ? 1 : 0));
        Thread progress = progress(receivers, label, start, expected);
        write(app, type, rate, seconds);
        double writing = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (receivers.received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        CpuTime cpu = CpuTime.now(postgresPort()).minus(cpuBefore);
        progress.interrupt();
        long got = receivers.received.get();
        List<Long> lat = new ArrayList<>(receivers.latenciesNanos);
        lat.sort(Long::compare);
        System.out.printf("%s: offered %d events/s x %d subscriptions for %d s (writing took %.1f s); received %d of %d deliveries "
                        + "in %.1f s = %.0f deliveries/s; latency outbox write -> receipt p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, rate, SUBSCRIPTIONS, seconds, writing, got, expected, elapsed, got / elapsed,
                pct(lat, 0.50), pct(lat, 0.99), lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1e6);
        // CPU per delivery does not depend on how busy the rest of the machine is: 2 cores = 2,000 ms per second
        System.out.printf("  CPU: this JVM (service, Kafka broker, receivers, writer) %.0f ms [of which JIT compiler threads %.0f ms], "
                        + "PostgreSQL %.0f ms = %.2f ms per delivery; GC pauses %.0f ms; load average %s%n", cpu.jvmMillis(), cpu.jitMillis(),
                cpu.postgresMillis(), got == 0 ? 0 : (cpu.jvmMillis() + cpu.postgresMillis()) / got, cpu.gcPauseMillis(), loadAverage());
        // relay: outbox write -> Kafka record; fan-out: record -> deliveries committed; dispatch: commit -> 2xx (first attempts)
        System.out.printf("  stages p50/p99: %s; %s%n", stages.report(), stages.paths());
        return cpu;
    }

    private static int postgresPort() {
        return java.net.URI.create(RealInfrastructure.get().jdbcUrl().substring("jdbc:".length())).getPort();
    }

    /** Prints the received count every 5 s: whether the service keeps pace, falls behind steadily or stalls. */
    private static Thread progress(BenchReceivers receivers, String label, long start, long expected) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    System.out.printf("  %s: %.0f s, received %d of %d, load average %s%n", label, (System.nanoTime() - start) / 1e9,
                            receivers.received.get(), expected, loadAverage());
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The 1-minute load average (Linux), to tell a slow service from a busy machine; "?" elsewhere. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Writes {@code rate} events per second to the outbox in 20 ms slices, as a producing service would. */
    private static void write(ConfigurableApplicationContext app, String type, int rate, int seconds) throws InterruptedException {
        OutboxWriter outbox = app.getBean(OutboxWriter.class);
        TransactionalOperator tx = app.getBean(TransactionalOperator.class);
        JsonMapper json = app.getBean(JsonMapper.class);
        int slices = seconds * 50;
        long sliceNanos = 20_000_000L;
        long next = System.nanoTime();
        double carry = 0;
        for (int s = 0; s < slices; s++) {
            carry += rate / 50.0;
            int n = (int) carry;
            carry -= n;
            if (n > 0) {
                Flux.range(0, n).concatMap(i -> outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of("/bench", type,
                        "s" + (i % 16), json.valueToTree(Map.of("t", System.nanoTime())))))
                        .as(tx::transactional).blockLast();
            }
            next += sliceNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
