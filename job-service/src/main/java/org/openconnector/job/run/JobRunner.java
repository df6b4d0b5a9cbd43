package org.openconnector.job.run;

import org.openconnector.job.action.JobClass;
import org.openconnector.job.action.JobClasses;
import org.openconnector.job.action.RunOutcome;
import org.openconnector.job.log.JobLogView;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Executes one claimed run: the job class within the job's {@code executionTime}, then ends the
 * run (or marks it awaiting when the class handed it off). Failures of the class, including a
 * timeout, become an ERROR log; they never escape.
 */
@Component
public class JobRunner {

    private final JobClasses classes;
    private final RunStore runs;

    JobRunner(JobClasses classes, RunStore runs) {
        this.classes = classes;
        this.runs = runs;
    }

    /** Emits the run's log once it ended or was handed off; empty when the claim was lost meanwhile. */
    public Mono<JobLogView> execute(ClaimedRun run) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            JobClass jobClass = classes.find(run.jobClass()).orElse(null);
            Mono<RunOutcome> outcome = jobClass == null
                    ? Mono.just(RunOutcome.failed("Unknown job class " + run.jobClass(), List.of()))
                    : Mono.defer(() -> jobClass.run(run.context()))
                    .timeout(run.executionTime())
                    .onErrorResume(e -> Mono.just(failure(e, run)));
            return outcome.flatMap(o -> o.awaiting()
                    ? runs.markAwaiting(run, o, startedAt)
                    : runs.complete(run, o, startedAt, (System.nanoTime() - started) / 1_000_000));
        });
    }

    private static RunOutcome failure(Throwable e, ClaimedRun run) {
        if (e instanceof TimeoutException) {
            return RunOutcome.failed("Timed out after " + run.executionTime().toSeconds() + " s (executionTime)", List.of());
        }
        List<String> trace = new ArrayList<>();
        trace.add(e.toString());
        for (StackTraceElement element : e.getStackTrace()) {
            if (trace.size() > 20) {
                break;
            }
            trace.add("at " + element);
        }
        return RunOutcome.failed("Job failed: " + e.getMessage(), trace);
    }
}
