package org.openconnector.sync.run;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.mapping.engine.JsonLogicCondition;
import org.openconnector.sync.config.SyncProperties;
import org.openconnector.sync.contract.ContractLookups;
import org.openconnector.sync.contract.ContractRepository;
import org.openconnector.sync.log.SyncLog;
import org.openconnector.sync.log.SyncLogRepository;
import org.openconnector.sync.synchronization.SyncRepository;
import org.openconnector.sync.synchronization.SyncService;
import org.openconnector.sync.synchronization.Synchronization;
import org.openconnector.sync.target.TargetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts and finishes runs: claims the synchronization (409 when a run holds it), writes the log,
 * loads mappings and conditions, runs {@link SyncRun}, and commits the final log with its
 * {@code run.finished|failed} event (and the {@code job.results} answer for a job) in one transaction.
 */
@Service
public class RunService {

    public static final String RESULT_TYPE = "org.openconnector.synchronization.run.result";
    public static final String TRIGGER_CONSUMER = "sync-triggers";
    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final SyncService syncs;
    private final SyncRepository syncRepository;
    private final SyncLogRepository logs;
    private final RunLease lease;
    private final MappingCache mappings;
    private final Map<String, SourceReader> readers;
    private final Map<String, TargetWriter> writers;
    private final SyncRun.Deps deps;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final DatabaseClient db;
    private final JsonMapper json;

    public RunService(SyncService syncs, SyncRepository syncRepository, SyncLogRepository logs, RunLease lease, MappingCache mappings,
                      List<SourceReader> readers, List<TargetWriter> writers, ContractRepository contracts,
                      ContractLookups lookups, OutboxWriter outbox,
                      ReactiveTransactionManager txm, DatabaseClient db, JsonMapper json, SyncProperties props) {
        this.syncs = syncs;
        this.syncRepository = syncRepository;
        this.logs = logs;
        this.lease = lease;
        this.mappings = mappings;
        this.readers = readers.stream().collect(Collectors.toMap(SourceReader::type, Function.identity()));
        this.writers = writers.stream().collect(Collectors.toMap(TargetWriter::type, Function.identity()));
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(txm);
        this.db = db;
        this.json = json;
        this.deps = new SyncRun.Deps(contracts, lookups, lease, outbox, tx, json, props.window(), props.lookahead(),
                props.windowWrites(), props.writeConcurrency(),
                props.maxDeleteShare());
    }

    /** Runs the synchronization now; emits its finished log, or a 409 ApiException when a run holds it. */
    public Mono<SyncLog> run(UUID syncId, RunOptions options) {
        UUID runId = UUID.randomUUID();
        return syncs.find(syncId)
                .then(lease.acquire(syncId, runId))
                .flatMap(acquired -> acquired ? syncRepository.find(syncId, false)
                        : Mono.error(ApiException.conflict("Synchronization " + syncId + " is running; try again when it has finished")))
                .flatMap(sync -> {
                    Instant started = now();
                    SyncLog running = new SyncLog(runId, syncId, "running", options.trigger(), options.jobRunId(), options.test(),
                            options.force(), json.createObjectNode(), json.createObjectNode(), null, started, null);
                    Mono<SyncLog> work = logs.save(running)
                            .then(execute(sync, runId, options, started))
                            .onErrorResume(e -> !(e instanceof Error), e -> {
                                log.warn("Run {} of synchronization {} failed: {}", runId, syncId, e.toString());
                                return finish(sync, running, null, options, e);
                            })
                            .cache();
                    // renew the claim while the run lives, also through a window of slow writes, so it never
                    // expires under a running run (a second run would then write the same objects)
                    Duration beat = lease.period().dividedBy(3);
                    return Flux.interval(beat, beat)
                            .concatMap(i -> lease.renew(syncId, runId).onErrorResume(e -> Mono.empty()))
                            .takeUntilOther(work)
                            .then(work)
                            .flatMap(done -> lease.release(syncId, runId).thenReturn(done))
                            .onErrorResume(e -> lease.release(syncId, runId).then(Mono.error(e)));
                });
    }

    private Mono<SyncLog> execute(Synchronization sync, UUID runId, RunOptions options, Instant started) {
        SourceReader reader = readers.get(sync.sourceType());
        TargetWriter writer = writers.get(sync.targetType());
        if (reader == null || writer == null) {
            return Mono.error(new RunFailure("No reader for sourceType '" + sync.sourceType() + "' or writer for targetType '"
                    + sync.targetType() + "'"));
        }
        Mono<java.util.Optional<MappingCache.Loaded>> mapping = optional(sync.sourceTargetMapping());
        Mono<java.util.Optional<MappingCache.Loaded>> hashMapping = optional(sync.sourceHashMapping());
        return Mono.zip(mapping, hashMapping).flatMap(m -> {
            SyncRun run = new SyncRun(new SyncRun.Setup(sync, runId, options.test(), options.force(), started, m.getT1().orElse(null),
                    m.getT2().orElse(null), condition(sync.conditions()), reader, writer), deps);
            SyncLog running = new SyncLog(runId, sync.id(), "running", options.trigger(), options.jobRunId(), options.test(),
                    options.force(), null, null, null, started, null);
            return run.execute()
                    .then(Mono.defer(() -> finish(sync, running, run.counts, options, null)))
                    .onErrorResume(e -> !(e instanceof Error), e -> finish(sync, running, run.counts, options, e));
        });
    }

    private Mono<java.util.Optional<MappingCache.Loaded>> optional(String mappingId) {
        return mappingId == null ? Mono.just(java.util.Optional.empty()) : mappings.get(mappingId).map(java.util.Optional::of);
    }

    private JsonLogicCondition condition(JsonNode conditions) {
        if (conditions == null || conditions.isNull()) {
            return null;
        }
        return JsonLogicCondition.compile(conditions.isString() ? json.readTree(conditions.stringValue()) : conditions);
    }

    /** Commits the final log, its event, the job result and the trigger's processed mark together. */
    private Mono<SyncLog> finish(Synchronization sync, SyncLog running, RunCounts counts, RunOptions options, Throwable failure) {
        // concurrent writes failing together arrive as one composite; the first names the cause
        Throwable error = failure == null ? null : reactor.core.Exceptions.unwrapMultiple(failure).get(0);
        Instant finished = now();
        RunCounts c = counts == null ? new RunCounts() : counts;
        long totalMs = finished.toEpochMilli() - running.started().toEpochMilli();
        String message = error == null ? null : error instanceof RunFailure || error instanceof ApiException
                ? error.getMessage() : error.getClass().getSimpleName() + ": " + error.getMessage();
        SyncLog done = new SyncLog(running.id(), sync.id(), error == null ? "success" : "failed", options.trigger(), options.jobRunId(),
                options.test(), options.force(), c.counts(), c.stages(totalMs), message, running.started(), finished);
        Mono<Void> work = logs.save(done)
                .then(error == null && !options.test() ? syncRepository.markSynced(sync.id(), running.started(), finished) : Mono.empty())
                .then(outbox.append(Topics.PLATFORM_EVENTS, CloudEvent.of(SyncService.EVENT_SOURCE,
                        "org.openconnector.synchronization.run." + (error == null ? "finished" : "failed"), sync.id().toString(), done.view())))
                .then(options.jobRunId() == null ? Mono.empty() : outbox.append(Topics.JOB_RESULTS,
                        CloudEvent.of(SyncService.EVENT_SOURCE, RESULT_TYPE, sync.id().toString(), result(done, totalMs))))
                .then(options.messageId() == null ? Mono.empty()
                        : db.sql("insert into processed_message (consumer, message_id) values (:c, :m) on conflict do nothing")
                        .bind("c", TRIGGER_CONSUMER).bind("m", options.messageId()).then());
        return work.as(tx::transactional).thenReturn(done);
    }

    /**
     * Answers a job's trigger that cannot start a run (unknown synchronization) with a failed result,
     * so the job run ends instead of waiting; marked processed in the same transaction.
     */
    public Mono<Void> reject(String syncId, RunOptions options, String error) {
        if (options.jobRunId() == null) {
            return Mono.empty();
        }
        ObjectNode data = json.createObjectNode();
        data.put("jobRunId", options.jobRunId());
        data.put("synchronizationId", syncId);
        data.putNull("logId");
        data.put("status", "failed");
        data.set("counts", new RunCounts().counts());
        data.put("durationMs", 0);
        data.put("error", error);
        Mono<Void> work = outbox.append(Topics.JOB_RESULTS, CloudEvent.of(SyncService.EVENT_SOURCE, RESULT_TYPE, syncId, data))
                .then(options.messageId() == null ? Mono.empty()
                        : db.sql("insert into processed_message (consumer, message_id) values (:c, :m) on conflict do nothing")
                        .bind("c", TRIGGER_CONSUMER).bind("m", options.messageId()).then());
        return work.as(tx::transactional);
    }

    private ObjectNode result(SyncLog done, long totalMs) {
        ObjectNode data = json.createObjectNode();
        data.put("jobRunId", done.jobRunId());
        data.put("synchronizationId", done.synchronizationId().toString());
        data.put("logId", done.id().toString());
        data.put("status", done.status());
        data.set("counts", done.counts());
        data.put("durationMs", totalMs);
        data.put("error", done.error());
        return data;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
