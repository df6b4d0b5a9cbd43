package org.openconnector.job.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.job.job.JobService;
import org.openconnector.job.log.JobLogView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * {@code org.openconnector.job.run.started|finished|failed} on {@code platform.events}, keyed by
 * the job id so one job's runs stay in order. Written in the transaction that changes the run.
 */
@Component
public class RunEvents {

    private final OutboxWriter outbox;
    private final DatabaseClient db;
    private final JsonMapper json;

    RunEvents(OutboxWriter outbox, DatabaseClient db, JsonMapper json) {
        this.outbox = outbox;
        this.db = db;
        this.json = json;
    }

    Mono<Void> started(ClaimedRun run) {
        return outbox.append(Topics.PLATFORM_EVENTS, run.jobId().toString(), startedEvent(run));
    }

    /**
     * The started events of a claimed batch in one statement: a batch can hold hundreds of runs and
     * the claim holds its job row locks until it commits. Same rows as {@link OutboxWriter#append}.
     */
    Mono<Void> started(List<ClaimedRun> runs) {
        if (runs.size() == 1) {
            return started(runs.get(0));
        }
        String[] ids = new String[runs.size()];
        String[] keys = new String[runs.size()];
        String[] payloads = new String[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            CloudEvent event = startedEvent(runs.get(i));
            ids[i] = event.id();
            keys[i] = event.subject();
            payloads[i] = json.writeValueAsString(event);
        }
        return db.sql("insert into outbox (event_id, topic, message_key, payload) select e, :topic, k, cast(p as jsonb) "
                        + "from unnest(cast(:ids as text[]), cast(:keys as text[]), cast(:payloads as text[])) as t(e, k, p)")
                .bind("topic", Topics.PLATFORM_EVENTS).bind("ids", ids).bind("keys", keys).bind("payloads", payloads).then();
    }

    private CloudEvent startedEvent(ClaimedRun run) {
        var data = json.createObjectNode().put("jobId", run.jobId().toString()).put("runId", run.id().toString())
                .put("jobClass", run.jobClass()).put("plannedAt", run.plannedAt().toString())
                .put("instanceId", run.instanceId()).put("attempt", run.attempt()).put("forced", run.forced());
        return CloudEvent.of(JobService.SOURCE, "org.openconnector.job.run.started", run.jobId().toString(), data);
    }

    /** {@code finished} for a succeeded run, {@code failed} otherwise; the data is the job log. */
    public Mono<JobLogView> ended(JobLogView log) {
        String verb = "succeeded".equals(log.status()) ? "finished" : "failed";
        return outbox.append(Topics.PLATFORM_EVENTS, log.jobId(),
                        CloudEvent.of(JobService.SOURCE, "org.openconnector.job.run." + verb, log.jobId(), json.valueToTree(log)))
                .thenReturn(log);
    }
}
