package org.openconnector.job.run;

import org.junit.jupiter.api.Test;
import org.openconnector.job.JobIT;
import org.openconnector.job.LoopbackServer;
import org.openconnector.job.Rows;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several scheduler replicas on one database: every planned run exactly once, and no run lost when a replica dies. */
class SchedulerIT extends JobIT {

    private static final int JOBS = 50;
    private static final int SECONDS = 20;

    @Autowired
    ManualRuns manual;

    /** Leases are long here: on a loaded 2-core build machine a 2 s stall is not a dead replica. */
    @Test
    void threeReplicasRunEveryPlannedRunOfFiftyOneSecondJobsExactlyOnce() {
        Instant base = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> ids = new ArrayList<>();
        List<Instant> firsts = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // staggered over the second, as real schedules are
            Instant start = base.plusMillis(i * 20L);
            JsonNode job = createJob(Map.of("name", "tick-" + i, "jobClass", "EventAction", "interval", 1,
                    "scheduleAfter", start.toString(), "arguments", Map.of("eventType", "org.example.tick", "data", Map.of("i", i))));
            ids.add(UUID.fromString(job.path("id").asString()));
            // scheduleAfter, or the creation time when creating the jobs took longer than planned
            firsts.add(Instant.parse(job.path("nextRun").asString()));
        }
        replica("replica-a", 2, 20, Duration.ofSeconds(15));
        replica("replica-b", 2, 20, Duration.ofSeconds(15));
        replica("replica-c", 2, 20, Duration.ofSeconds(15));
        Instant end = base.plusSeconds(SECONDS);

        await().atMost(Duration.ofSeconds(SECONDS + 30)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(distinct job_id) from job_log where job_id = any(cast(:ids as uuid[])) "
                        + "and planned_at >= :end", end, ids) == JOBS);
        db.sql("update job set is_enabled = false where id = any(cast(:ids as uuid[]))")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).then().block();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from job_log where job_id = any(cast(:ids as uuid[])) "
                + "and status in ('running', 'awaiting') and planned_at >= :end", base, ids) == 0);

        List<Map<String, Object>> logs = db.sql("select job_id, planned_at, created, started, finished, status, instance_id, attempt "
                        + "from job_log where job_id = any(cast(:ids as uuid[])) order by job_id, planned_at")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).fetch().all().collectList().block();
        Map<UUID, List<Map<String, Object>>> byJob = logs.stream().collect(Collectors.groupingBy(r -> Rows.uuid(r, "job_id")));
        assertThat(byJob).hasSize(JOBS);
        List<Long> lagMs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            List<Map<String, Object>> runs = byJob.get(ids.get(i));
            Instant first = firsts.get(i);
            // planned times are exactly first, first+1s, first+2s, ... : none skipped, none twice
            for (int k = 0; k < runs.size(); k++) {
                assertThat(Rows.instant(runs.get(k), "planned_at")).as("job %d run %d", i, k).isEqualTo(first.plusSeconds(k));
                assertThat(runs.get(k).get("status")).isEqualTo("succeeded");
                assertThat(runs.get(k).get("attempt")).isEqualTo(1);
                // claimed up to claimAhead early, started at the planned time, never before
                assertThat(Rows.instant(runs.get(k), "started")).isAfterOrEqualTo(Rows.instant(runs.get(k), "planned_at"));
                lagMs.add(Duration.between(Rows.instant(runs.get(k), "planned_at"), Rows.instant(runs.get(k), "started")).toMillis());
                if (k > 0) {
                    // one run of a job at a time: each run was claimed after the previous one ended
                    assertThat(Rows.instant(runs.get(k), "created")).isAfterOrEqualTo(Rows.instant(runs.get(k - 1), "finished"));
                }
            }
            // ... and they reach the end of the window (a job created late simply started later)
            assertThat(Rows.instant(runs.get(runs.size() - 1), "planned_at")).as("last run of job %d", i).isAfterOrEqualTo(end);
        }
        Set<String> instances = logs.stream().map(r -> (String) r.get("instance_id")).collect(Collectors.toSet());
        assertThat(instances).isSubsetOf("replica-a", "replica-b", "replica-c").hasSizeGreaterThanOrEqualTo(2);
        lagMs.sort(null);
        System.out.printf("scheduler IT: %d runs by %s, lag p50 %d ms, p99 %d ms%n", logs.size(), instances,
                lagMs.get(lagMs.size() / 2), lagMs.get(lagMs.size() * 99 / 100));
    }

    @Test
    void aRunWhoseReplicaDiesIsTakenOverAfterTheLeaseAndRetried() {
        try (LoopbackServer system = new LoopbackServer().route("/flaky", n -> n == 1 ? 0 : 200)) {
            UUID job = pingJob(system.url("/flaky"));
            JobScheduler doomed = replica("doomed", 2, 10);
            ClaimedRun run = manual.claim(job, true, "doomed", Duration.ofSeconds(2)).block();
            doomed.submit(run).subscribe();
            await().atMost(Duration.ofSeconds(10)).until(() -> system.hits("/flaky") == 1);
            doomed.kill();

            replica("survivor", 2, 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(status(run.id())));
            Map<String, Object> log = row(run.id());
            assertThat(log).containsEntry("instance_id", "survivor").containsEntry("attempt", 2).containsEntry("level", "SUCCESS");
            assertThat(system.hits("/flaky")).isEqualTo(2);
        }
    }

    @Test
    void aRunThatLosesItsReplicaOnTheLastAttemptIsFailedAndReported() {
        try (LoopbackServer system = new LoopbackServer().route("/hang", n -> 0)) {
            UUID job = pingJob(system.url("/hang"));
            JobScheduler first = replica("doomed-1", 2, 10);
            ClaimedRun run = manual.claim(job, true, "doomed-1", Duration.ofSeconds(2)).block();
            first.submit(run).subscribe();
            await().atMost(Duration.ofSeconds(10)).until(() -> system.hits("/hang") == 1);
            first.kill();

            JobScheduler second = replica("doomed-2", 2, 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> system.hits("/hang") == 2);
            assertThat(row(run.id())).containsEntry("instance_id", "doomed-2").containsEntry("attempt", 2);
            second.kill();

            replica("survivor-2", 2, 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(run.id())));
            assertThat(row(run.id())).containsEntry("level", "ERROR").containsEntry("attempt", 2);
            assertThat((String) row(run.id()).get("message")).contains("doomed-2 stopped renewing its claim", "no attempts left");
            assertThat(system.hits("/hang")).isEqualTo(2);
        }
    }

    private UUID pingJob(String url) {
        return UUID.fromString(createJob(Map.of("name", "ping", "jobClass", "PingAction", "isEnabled", false,
                "executionTime", 60, "arguments", Map.of("url", url))).path("id").asString());
    }

    private Map<String, Object> row(UUID runId) {
        return db.sql("select * from job_log where id = :id").bind("id", runId).fetch().one().block();
    }

    private String status(UUID runId) {
        return (String) row(runId).get("status");
    }

    private long count(String sql, Instant at, List<UUID> ids) {
        return db.sql(sql).bind("end", at).bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
