package org.openconnector.bench.job;

import org.openconnector.common.test.RealInfrastructure;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Scheduling lag of job-service (planned time to start of the run) with N replicas, each a real job-service
 * process from the exec jar, on one PostgreSQL and one Kafka broker (the test support's embedded
 * ones). Creates {@code jobs} EventAction jobs with their first runs spread evenly over one
 * interval, lets them run, then reads the lags from the job logs and checks that every planned
 * run happened exactly once.
 *
 * <pre>bench/run org.openconnector.bench.job.SchedulerLagBench [replicas=1] [jobs=1000] [intervalSeconds=10] [seconds=60]</pre>
 * Build the jar first: {@code mvn -o -q package -DskipTests -pl job-service} ({@code -Djob.jar.dir=<dir>} to use a
 * copy of it elsewhere). Replica logs go to {@code bench/target/replica-*.log}.
 */
// A load driver run from its own main thread (bench/run), never on an event loop: its block() and
// sleep() calls pace and await the load it generates against services in other processes.
public final class SchedulerLagBench {

    private SchedulerLagBench() {
    }

    public static void main(String[] args) throws Exception {
        int replicas = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int interval = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        var infra = RealInfrastructure.get();
        List<Process> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                int port = freePort();
                ports.add(port);
                processes.add(startReplica(infra, "replica-" + i, port));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int port : ports) {
                awaitReady(http, port);
            }
            System.out.printf("%d replica(s) ready; creating %d jobs every %d s%n", replicas, jobs, interval);
            Instant start = Instant.now().plusSeconds(30);
            createJobs(http, ports.get(0), jobs, interval, start);
            Instant measureFrom = start.plusSeconds(interval);
            Instant end = start.plusSeconds(seconds);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()));
            try (Connection db = DriverManager.getConnection(infra.jdbcUrl(), infra.user(), infra.password())) {
                db.createStatement().executeUpdate("update job.job set is_enabled = false");
                while (count(db, "select count(*) from job.job_log where status in ('running', 'awaiting')") > 0) {
                    Thread.sleep(200);
                }
                report(db, replicas, jobs, interval, measureFrom, end);
            }
        } finally {
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                p.waitFor();
            }
        }
        System.exit(0);
    }

    private static Process startReplica(RealInfrastructure.Endpoints infra, String id, int port) throws Exception {
        // -Djob.jar.dir=<dir with a copy of the exec jar> lets the module be rebuilt while a bench runs
        File jar = Files.list(Path.of(System.getProperty("job.jar.dir", "job-service/target"))).map(Path::toFile)
                .filter(f -> f.getName().endsWith("-exec.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("build job-service first: mvn -o -q package -DskipTests -pl job-service"));
        URI pg = URI.create(infra.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.getPath());
        pb.environment().putAll(Map.of("PORT", String.valueOf(port), "DATABASE_HOST", pg.getHost(),
                "DATABASE_PORT", String.valueOf(pg.getPort()), "DATABASE_NAME", pg.getPath().substring(1),
                "DATABASE_USER", infra.user(), "DATABASE_PASSWORD", infra.password(),
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap(), "OPENCONNECTOR_JOBS_SCHEDULER_INSTANCE_ID", id,
                "OPENCONNECTOR_CRYPTO_ACTIVE_KEY_ID", "bench", "OPENCONNECTOR_CRYPTO_KEYS_BENCH", RealInfrastructure.TEST_CRYPTO_KEY));
        File log = new File("bench/target/" + id + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        return pb.start();
    }

    private static void awaitReady(HttpClient http, int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("replica on port " + port + " did not become ready; see bench/target/replica-*.log");
    }

    /** First runs spread evenly over one interval from {@code start}, as real schedules are. */
    private static void createJobs(HttpClient http, int port, int jobs, int interval, Instant start) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Instant first = start.plusMillis(i * interval * 1000L / jobs);
            String body = "{\"name\":\"bench-" + i + "\",\"jobClass\":\"EventAction\",\"interval\":" + interval
                    + ",\"scheduleAfter\":\"" + first + "\",\"arguments\":{\"eventType\":\"org.example.bench.tick\"}}";
            inFlight.acquire();
            done.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        inFlight.release();
                        if (e != null || r.statusCode() != 201) {
                            throw new IllegalStateException("job creation failed: " + (e != null ? e : r.body()));
                        }
                    }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        if (Instant.now().isAfter(start)) {
            System.out.println("warning: creating the jobs took longer than the 30 s head start");
        }
    }

    private static void report(Connection db, int replicas, int jobs, int interval, Instant from, Instant to) throws Exception {
        String window = " from job.job_log where planned_at >= '" + from + "' and planned_at < '" + to + "'";
        List<Double> lags = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(
                "select extract(epoch from started - planned_at) * 1000" + window + " order by 1")) {
            while (rs.next()) {
                lags.add(rs.getDouble(1));
            }
        }
        long runs = lags.size();
        long distinct = count(db, "select count(*) from (select distinct job_id, planned_at" + window + ") d");
        // a job's runs in the window must be exactly its planned slots: first, first + interval, ...
        long gaps = count(db, "select count(*) from (select job_id, count(*) n, min(planned_at) a, max(planned_at) b" + window
                + " group by job_id) g where n <> round(extract(epoch from b - a) / " + interval + ") + 1");
        long failed = count(db, "select count(*)" + window + " and status <> 'succeeded'");
        String byReplica = count(db, "select count(distinct instance_id)" + window) + " replica(s) claimed runs";
        System.out.printf("replicas=%d jobs=%d interval=%ds window=%ds runs=%d (%.0f/s) lag ms: p50=%.0f p90=%.0f p99=%.0f max=%.0f; "
                        + "duplicates=%d, jobs with a missed slot=%d, failed=%d; %s%n",
                replicas, jobs, interval, Duration.between(from, to).toSeconds(), runs,
                runs / (double) Duration.between(from, to).toSeconds(), pct(lags, 50), pct(lags, 90), pct(lags, 99),
                lags.isEmpty() ? 0 : lags.get(lags.size() - 1), runs - distinct, gaps, failed, byReplica);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
