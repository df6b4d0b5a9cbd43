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

    CpuWatch(Map<String, ProcessHandle> services) {
        this.services = services;
    }

    void start() {
        start = sample();
    }

    /** CPU seconds per group since {@link #start}, e.g. {@code sync-service=12.3s postgres=8.1s ...}. */
    String stop() {
        Map<String, Long> end = sample();
        StringBuilder out = new StringBuilder();
        end.forEach((name, ms) -> out.append(out.isEmpty() ? "" : " ").append(name).append('=')
                .append(String.format("%.1fs", (ms - start.getOrDefault(name, 0L)) / 1000.0)));
        return out.toString();
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
