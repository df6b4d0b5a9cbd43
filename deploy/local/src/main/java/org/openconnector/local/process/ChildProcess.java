package org.openconnector.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One process the platform started (a service or the broker), with its output in its own log file.
 * Stopping is SIGTERM first (Spring's graceful shutdown, Kafka's controlled shutdown), SIGKILL after
 * the grace period, and always takes the process's descendants down too so nothing is left behind.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env,
                                     Path workDir, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), logFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #stop} was called: an exit after that is expected, not a crash. */
    public boolean isStopping() {
        return stopping;
    }

    public CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Asks the process to stop (SIGTERM); returns at once. */
    public void requestStop() {
        stopping = true;
        process.destroy();
    }

    /** Waits for the process after {@link #requestStop}, killing it and its descendants when it overstays. */
    public boolean awaitStop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        boolean graceful = waitFor(grace);
        if (!graceful) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        // A child's own children outlive it unless they are killed explicitly.
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return graceful;
    }

    public boolean stop(Duration grace) {
        requestStop();
        return awaitStop(grace);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
