package org.openconnector.job;

import org.junit.jupiter.api.AfterEach;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.job.log.LogRetention;
import org.openconnector.job.run.ClaimStore;
import org.openconnector.job.run.JobRunner;
import org.openconnector.job.run.JobScheduler;
import org.openconnector.job.run.LeaseStore;
import org.openconnector.job.run.SchedulerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared setup of job-service's integration tests (one Spring context): real PostgreSQL and Kafka,
 * a loopback HTTP server standing in for connector-service, and scheduler replicas each test
 * starts itself (the context's own scheduler claims nothing in tests). After each test every
 * replica it started is stopped and every job disabled, so no test inherits due runs.
 */
@SpringBootTest(classes = JobApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// generous: the build machines are shared and can be slow, and no assertion here is about time
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class JobIT {

    /** connector-service: source {@code healthy} passes its test, every other source is unknown (404). */
    protected static final LoopbackServer CONNECTOR = new LoopbackServer().route("/api/v1/sources/healthy/test", n -> 200);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected ClaimStore claims;
    @Autowired
    protected LeaseStore leases;
    @Autowired
    protected JobRunner runner;
    @Autowired
    protected LogRetention retention;

    private final List<JobScheduler> replicas = new ArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
        registry.add("openconnector.services.connector", () -> CONNECTOR.url(""));
    }

    /** Starts a scheduler replica on the shared database, as another job-service pod would run. */
    protected JobScheduler replica(String instanceId, int maxAttempts, int batchSize) {
        return replica(instanceId, maxAttempts, batchSize, Duration.ofSeconds(2));
    }

    /** A replica whose claims lapse {@code lease} after its last heartbeat (every 300 ms). */
    protected JobScheduler replica(String instanceId, int maxAttempts, int batchSize, Duration lease) {
        var props = new SchedulerProperties(true, instanceId, Duration.ofMillis(100), Duration.ofMillis(500), batchSize, 256, lease,
                Duration.ofMillis(300), maxAttempts, Duration.ofSeconds(60), Duration.ofSeconds(1), 1000);
        JobScheduler replica = new JobScheduler(props, claims, leases, runner, retention.prune(1000));
        replicas.add(replica);
        replica.start();
        return replica;
    }

    @AfterEach
    void stopReplicasAndDisableJobs() {
        replicas.forEach(JobScheduler::kill);
        replicas.clear();
        db.sql("update job set is_enabled = false, next_run = null").then().block();
    }

    protected JsonNode createJob(Map<String, Object> body) {
        byte[] response = web.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json.readTree(response);
    }

    protected JsonNode get(String uri) {
        byte[] response = web.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(response);
    }

    protected static String bootstrap() {
        return RealInfrastructure.get().kafkaBootstrap();
    }
}
