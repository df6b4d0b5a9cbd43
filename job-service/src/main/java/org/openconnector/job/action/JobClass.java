package org.openconnector.job.action;

import org.openconnector.common.error.Violation;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a job does when it runs. One implementation per file, registered as a bean; {@link #type()}
 * is the stable key stored in a job's {@code jobClass} (OpenConnector's fully qualified PHP class
 * names are accepted as aliases by {@link JobClasses}).
 */
public interface JobClass {

    /** Stable key, e.g. {@code SynchronizationAction}. */
    String type();

    /** What is wrong with {@code arguments} for this class; empty when a job may be saved with them. */
    List<Violation> validate(JsonNode arguments);

    /**
     * Runs once for {@code run}. Emits the outcome; an error or the run's time limit makes the run
     * fail. An outcome that is {@link RunOutcome#awaiting() awaiting} completes later (e.g. on a
     * Kafka result).
     */
    Mono<RunOutcome> run(RunContext run);
}
