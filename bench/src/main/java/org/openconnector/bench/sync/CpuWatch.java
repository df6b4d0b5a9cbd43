package org.openconnector.bench.sync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used per process group during one run: each service, PostgreSQL (the embedded server's
 * postmaster and its backends) and this JVM itself (the loopback source API and the
 * in-JVM Kafka broker). On a machine shared with other work, wall-clock rates swing with the load;
 * CPU seconds per run barely do, so they compare code versions more fairly.
 */
final class CpuWatch {

    private final Map<String, ProcessHandle> services;
    private Map<String, Long> start;
    private Map<String, Long> startJit;

    CpuWatch(Map<String, ProcessHandle> services) {
        this.services = services;
    }

    void start() {
        start = sample();
        startJit = jit();
    }

    /**
     * CPU seconds per group since {@link #start}, e.g. {@code sync-service=12.3s(jit 4.1s) postgres=8.1s ...}; for a
     * JVM, the part its JIT compiler threads used is given in brackets (it is still compiling when the measured runs
     * start unless the warm-up was long: per-window and per-page code runs only a few hundred times per warm-up run).
     */
    String stop() {
        Map<String, Long> end = sample();
        Map<String, Long> endJit = jit();
        StringBuilder out = new StringBuilder();
        end.forEach((name, ms) -> {
            out.append(out.isEmpty() ? "" : " ").append(name).append('=')
                    .append(String.format("%.1fs", (ms - start.getOrDefault(name, 0L)) / 1000.0));
            if (endJit.containsKey(name)) {
                out.append(String.format("(jit %.1fs)", (endJit.get(name) - startJit.getOrDefault(name, 0L)) / 1000.0));
            }
        });
        return out.toString();
    }

    /** CPU ms of each JVM's JIT compiler threads (Linux /proc; empty elsewhere). */
    private Map<String, Long> jit() {
        Map<String, Long> out = new LinkedHashMap<>();
        services.forEach((name, handle) -> compilerMs(handle.pid()).ifPresent(ms -> out.put(name, ms)));
        compilerMs(ProcessHandle.current().pid()).ifPresent(ms -> out.put("bench-jvm(source+kafka)", ms));
        return out;
    }

    private static java.util.OptionalLong compilerMs(long pid) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", String.valueOf(pid), "task");
        try (var dirs = java.nio.file.Files.list(tasks)) {
            long ticks = 0;
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
                try {
                    if (!java.nio.file.Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, in clock ticks (100/s)
                } catch (java.io.IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
            return java.util.OptionalLong.of(ticks * 10);
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private Map<String, Long> sample() {
        Map<String, Long> out = new LinkedHashMap<>();
        services.forEach((name, handle) -> out.put(name, cpu(handle)));
        out.put("postgres", postgres());
        out.put("bench-jvm(source+kafka)", cpu(ProcessHandle.current()));
        return out;
    }

    /** The postmaster listening on the test support's port (pg_ctl detaches it from us) and its backends. */
    private static long postgres() {
        String port = org.openconnector.common.test.RealInfrastructure.serviceEnvironment().get("DATABASE_PORT");
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && h.info().arguments().map(a -> String.join(" ", a).contains("-p " + port)).orElse(false))
                .mapToLong(h -> cpu(h) + h.descendants().mapToLong(CpuWatch::cpu).sum())
                .sum();
    }

    private static long cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
}
