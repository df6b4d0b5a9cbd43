package org.openconnector.job.run;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.openconnector.job.job.JobService;
import org.openconnector.job.log.JobLogView;
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
    private final JsonMapper json;

    RunEvents(OutboxWriter outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    Mono<Void> started(ClaimedRun run) {
        return outbox.append(Topics.PLATFORM_EVENTS, run.jobId().toString(), startedEvent(run));
    }

    /**
     * The started events of a claimed batch in one statement: a batch can hold hundreds of runs and
     * the claim holds its job row locks until it commits.
     */
    Mono<Void> started(List<ClaimedRun> runs) {
        return outbox.appendAll(Topics.PLATFORM_EVENTS, runs.stream().map(this::startedEvent).toList());
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
