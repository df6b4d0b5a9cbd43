package org.openconnector.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Per-run log files: the previous run's log is kept as {@code <name>.log.prev}. */
public final class LogFiles {

    private LogFiles() {
    }

    public static void rotate(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".prev"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The last lines of a log, shown when a process dies so the user need not go looking. */
    public static List<String> tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // Logs of one run are small; malformed bytes must not hide the reason for a crash.
            List<String> all = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }
}
