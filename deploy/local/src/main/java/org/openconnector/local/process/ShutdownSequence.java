package org.openconnector.local.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Stops what was started in the reverse order of starting (services, then Kafka, then PostgreSQL).
 * Runs once, from whichever comes first: Ctrl-C/SIGTERM (JVM shutdown hook), a crashed child,
 * or a failed start-up. A failing step is reported and the remaining steps still run.
 */
public final class ShutdownSequence {

    @FunctionalInterface
    public interface StopAction {
        void run() throws Exception;
    }

    private record Step(String name, StopAction action) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Consumer<String> out;
    private boolean done;

    public ShutdownSequence(Consumer<String> out) {
        this.out = out;
    }

    /**
     * Registers how to stop something that has just been started. If the sequence already ran (a
     * signal arrived while this thing was starting) it is stopped at once and start-up is aborted.
     */
    public synchronized void push(String name, StopAction action) {
        Step step = new Step(name, action);
        if (done) {
            runStep(step);
            throw new IllegalStateException("shutting down; stopped " + name + " right after it started");
        }
        steps.push(step);
    }

    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        while (!steps.isEmpty()) {
            runStep(steps.pop());
        }
    }

    public synchronized boolean isDone() {
        return done;
    }

    private void runStep(Step step) {
        out.accept("Stopping " + step.name() + " ...");
        try {
            step.action().run();
        } catch (Exception e) {
            out.accept("  could not stop " + step.name() + " cleanly: " + e);
        }
    }
}
