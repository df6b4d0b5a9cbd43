package org.openconnector.local.services;

import org.openconnector.local.process.ChildProcess;
import org.openconnector.local.process.LogFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running services, each {@code java -jar <service>-exec.jar} with its log in
 * {@code <logDir>/<service>.log}. They are stopped together: all get SIGTERM at once (Spring's
 * graceful shutdown drains requests and the outbox), then each is awaited.
 */
public final class ServiceGroup {

    // Spring's own graceful phase is 20 s (spring.lifecycle.timeout-per-shutdown-phase); allow a bit more.
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path root;
    private final Path logDir;
    private final Path javaBin;
    private final List<String> jvmOptions;
    private final List<ChildProcess> running = new ArrayList<>();
    private final Map<ChildProcess, ClassDataSharing.Plan> plans = new HashMap<>();
    private boolean closed;

    public ServiceGroup(Path root, Path logDir, Path javaBin, List<String> jvmOptions) {
        this.root = root;
        this.logDir = logDir;
        this.javaBin = javaBin;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts one service as the plan says ({@link ClassDataSharing}) with the shared environment plus
     * its own {@code PORT}. Refuses once the group is stopping, so a signal during start-up leaves
     * nothing behind.
     */
    public synchronized ChildProcess start(ServiceSpec spec, ClassDataSharing.Plan plan, Map<String, String> sharedEnv)
            throws IOException {
        if (closed) {
            throw new IllegalStateException("shutting down; not starting " + spec.name());
        }
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(jvmOptions);
        command.addAll(plan.jvmArgs());
        command.add("-jar");
        command.add(plan.jar().toString());
        Map<String, String> env = new HashMap<>(sharedEnv);
        env.put("PORT", Integer.toString(spec.port()));
        Path log = logDir.resolve(spec.name() + ".log");
        LogFiles.rotate(log);
        ChildProcess child = ChildProcess.start(spec.name(), command, env, root, log);
        running.add(child);
        plans.put(child, plan);
        return child;
    }

    public synchronized List<ChildProcess> running() {
        return List.copyOf(running);
    }

    public synchronized ClassDataSharing.Plan plan(ChildProcess child) {
        return plans.get(child);
    }

    /** SIGTERM to every service at once, then wait for each (SIGKILL after the grace period). */
    public void stopAll() {
        List<ChildProcess> toStop;
        synchronized (this) {
            closed = true;
            toStop = List.copyOf(running);
        }
        toStop.forEach(ChildProcess::requestStop);
        for (ChildProcess child : toStop) {
            if (!child.awaitStop(STOP_GRACE)) {
                System.out.println("  " + child.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s; killed");
            }
        }
    }
}
