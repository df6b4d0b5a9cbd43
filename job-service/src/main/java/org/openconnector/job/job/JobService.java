package org.openconnector.job.job;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.job.action.JobClass;
import org.openconnector.job.action.JobClasses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Job CRUD: validates a job against its class, keeps {@code nextRun} (set at creation, recomputed
 * when the schedule changes) and publishes {@code org.openconnector.job.created|updated|deleted}
 * in the transaction of the change.
 */
@Service
public class JobService {

    public static final String SOURCE = "/job-service";

    private final JobStore store;
    private final JobClasses classes;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final JsonMapper json;

    JobService(JobStore store, JobClasses classes, OutboxWriter outbox, TransactionalOperator tx, JsonMapper json) {
        this.store = store;
        this.classes = classes;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
    }

    public Mono<Page<JobView>> list(PageQuery query) {
        return store.list(query);
    }

    public Mono<JobView> get(String id) {
        return store.find(parseId(id), false).switchIfEmpty(Mono.error(ApiException.notFound("Job", id)));
    }

    public Mono<JobView> create(JobRequest request) {
        return Mono.fromCallable(() -> validate(request)).flatMap(jobClass -> {
            Instant next = request.enabled() ? request.schedule().first(Instant.now(), request.scheduleAfter()) : null;
            return tx.transactional(store.save(UUID.randomUUID(), request, jobClass.type(), next, true)
                    .flatMap(job -> publish("created", job)));
        });
    }

    public Mono<JobView> update(String id, JobRequest request) {
        UUID uuid = parseId(id);
        return Mono.fromCallable(() -> validate(request)).flatMap(jobClass -> tx.transactional(
                store.find(uuid, true)
                        .switchIfEmpty(Mono.error(ApiException.notFound("Job", id)))
                        .flatMap(old -> store.save(uuid, request, jobClass.type(), nextRun(old, request), false))
                        .flatMap(job -> publish("updated", job))));
    }

    public Mono<Void> delete(String id) {
        return tx.transactional(store.delete(parseId(id))
                .switchIfEmpty(Mono.error(ApiException.notFound("Job", id)))
                .flatMap(job -> publish("deleted", job))).then();
    }

    /** Keeps the planned time unless the schedule changed; a changed schedule continues from the last run. */
    private static Instant nextRun(JobView old, JobRequest r) {
        if (!r.enabled()) {
            return null;
        }
        Schedule schedule = r.schedule();
        boolean same = old.isEnabled() && old.nextRun() != null && old.interval() == schedule.intervalSeconds()
                && java.util.Objects.equals(old.cron(), schedule.cron())
                && java.util.Objects.equals(old.scheduleAfter(), r.scheduleAfter());
        if (same) {
            return old.nextRun();
        }
        Instant now = Instant.now();
        return old.lastRun() == null ? schedule.first(now, r.scheduleAfter())
                : schedule.first(maxOf(schedule.next(old.lastRun(), old.lastRun(), java.time.Duration.ZERO), now), r.scheduleAfter());
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private JobClass validate(JobRequest r) {
        JobClass jobClass = classes.require(r.jobClass());
        List<Violation> violations = new ArrayList<>();
        JsonNode args = r.arguments() == null || r.arguments().isNull() ? json.createObjectNode() : r.arguments();
        if (!args.isObject()) {
            violations.add(Violation.invalid("arguments", "arguments must be a JSON object"));
        } else {
            violations.addAll(jobClass.validate(args));
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        if (r.schedule().cron() != null) {
            Schedule.validateCron(r.schedule().cron());
        }
        return jobClass;
    }

    private Mono<JobView> publish(String verb, JobView job) {
        CloudEvent event = CloudEvent.of(SOURCE, "org.openconnector.job." + verb, job.id(), json.valueToTree(job));
        return outbox.append(Topics.PLATFORM_EVENTS, event).thenReturn(job);
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Job", id);
        }
    }
}
