package org.openconnector.local;

import org.openconnector.local.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code .data/run/}: the launcher's pid and its children's, for {@code ./openconnector down|status}
 * and to clean up after a launcher that was killed with SIGKILL (which no program can intercept).
 */
final class RunState {

    private RunState() {
    }

    static void writeLauncherPid(Path dataDir) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dir.resolve("launcher.pid"), ProcessHandle.current().pid() + "\n");
        Files.deleteIfExists(dir.resolve("children"));
    }

    static void writePids(Path dataDir, List<ChildProcess> children) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dir.resolve("children"),
                children.stream().map(c -> c.name() + " " + c.pid()).collect(Collectors.joining("\n", "", "\n")));
    }

    /** After a clean stop nothing of ours runs any more. */
    static void clear(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("run").resolve("children"));
            Files.deleteIfExists(dataDir.resolve("run").resolve("launcher.pid"));
        } catch (IOException e) {
            // Best effort: a stale pid file is harmless, `down` checks whether the pid is alive.
        }
    }
}
