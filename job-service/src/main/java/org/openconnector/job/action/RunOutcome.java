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
 * @param handOff    for an awaiting outcome: the write that hands the run off (e.g. an outbox row),
 *                   committed in the same transaction that marks the run awaiting; null otherwise
 */
public record RunOutcome(String level, String message, List<String> stackTrace, JsonNode result, Mono<Void> handOff) {

    public static final String SUCCESS = "SUCCESS";
    public static final String INFO = "INFO";
    public static final String WARNING = "WARNING";
    public static final String ERROR = "ERROR";

    public static RunOutcome done(String level, String message, List<String> stackTrace, JsonNode result) {
        return new RunOutcome(level, message, List.copyOf(stackTrace), result, null);
    }

    public static RunOutcome failed(String message, List<String> stackTrace) {
        return new RunOutcome(ERROR, message, List.copyOf(stackTrace), null, null);
    }

    public static RunOutcome awaiting(String message, Mono<Void> handOff) {
        return new RunOutcome(INFO, message, List.of(), null, handOff);
    }

    public boolean awaiting() {
        return handOff != null;
    }

    /** Errors keep the logs for {@code errorRetention}, everything else for {@code logRetention}. */
    public boolean isError() {
        return WARNING.equals(level) || ERROR.equals(level);
    }
}
