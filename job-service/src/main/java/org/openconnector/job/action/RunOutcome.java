package org.openconnector.job.action;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * How a run ended, or that it was handed off and ends later.
 *
 * @param level      SUCCESS, INFO, WARNING or ERROR (OpenConnector's job log levels)
 * @param message    human-readable outcome
 * @param stackTrace steps and diagnostics, one line each
 * @param result     structured result (e.g. a synchronization's counts), may be null
 * @param write      a database write that belongs to the outcome (e.g. an outbox row), committed in
 *                   the transaction that records it, so the effect exists exactly when the log says so
 * @param awaiting   the run was handed off ({@code write} hands it off) and completes later
 */
public record RunOutcome(String level, String message, List<String> stackTrace, JsonNode result, Mono<Void> write,
                         boolean awaiting) {

    public static final String SUCCESS = "SUCCESS";
    public static final String INFO = "INFO";
    public static final String WARNING = "WARNING";
    public static final String ERROR = "ERROR";

    public static RunOutcome done(String level, String message, List<String> stackTrace, JsonNode result) {
        return new RunOutcome(level, message, List.copyOf(stackTrace), result, Mono.empty(), false);
    }

    /** Done, with {@code write} committed together with the run's log. */
    public static RunOutcome doneWith(Mono<Void> write, String level, String message, List<String> stackTrace) {
        return new RunOutcome(level, message, List.copyOf(stackTrace), null, write, false);
    }

    public static RunOutcome failed(String message, List<String> stackTrace) {
        return new RunOutcome(ERROR, message, List.copyOf(stackTrace), null, Mono.empty(), false);
    }

    public static RunOutcome awaiting(String message, Mono<Void> handOff) {
        return new RunOutcome(INFO, message, List.of(), null, handOff, true);
    }

    /** Errors keep the logs for {@code errorRetention}, everything else for {@code logRetention}. */
    public boolean isError() {
        return WARNING.equals(level) || ERROR.equals(level);
    }
}
