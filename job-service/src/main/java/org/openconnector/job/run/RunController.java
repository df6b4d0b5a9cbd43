package org.openconnector.job.run;

import org.openconnector.common.error.ApiException;
import org.openconnector.job.log.JobLogView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * {@code POST /api/v1/jobs/{id}/run[?force=true]}: runs a job now on this replica. Answers the
 * job log (200) when the run ended, or 202 with the awaiting log when the class completes later
 * (e.g. a synchronization); follow it at {@code /api/v1/jobs/{id}/logs}.
 */
@RestController
class RunController {

    private final ManualRuns manual;
    private final JobScheduler scheduler;
    private final SchedulerProperties props;

    RunController(ManualRuns manual, JobScheduler scheduler, SchedulerProperties props) {
        this.manual = manual;
        this.scheduler = scheduler;
        this.props = props;
    }

    @PostMapping("/api/v1/jobs/{id}/run")
    Mono<ResponseEntity<JobLogView>> run(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        return Mono.defer(() -> manual.claim(parse(id), force, scheduler.instanceId(), props.leaseTimeout()))
                .flatMap(scheduler::submit)
                .switchIfEmpty(Mono.error(ApiException.conflict("The run was taken over by another replica; see the job's logs")))
                .map(log -> ResponseEntity.status(log.finishedRun() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(log));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Job", id);
        }
    }
}
