package org.openconnector.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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

    /** The last lines of a log. */
    public static List<String> tail(Path file, int lines) {
        List<String> all = read(file);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /**
     * What to show when a process dies, so the user need not go looking: the first ERROR line and
     * the chain of causes under it (the reason is usually there, while the last lines are often
     * retry noise from a client), then the last lines.
     */
    public static List<String> crashExcerpt(Path file, int tailLines) {
        List<String> all = read(file);
        List<String> excerpt = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(" ERROR ")) {
                excerpt.add(all.get(i));
                all.subList(i + 1, all.size()).stream().filter(line -> line.startsWith("Caused by:"))
                        .limit(8).forEach(excerpt::add);
                excerpt.add("...");
                break;
            }
        }
        excerpt.addAll(all.subList(Math.max(0, all.size() - tailLines), all.size()));
        return excerpt;
    }

    private static List<String> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // Logs of one run are small; malformed bytes must not hide the reason for a crash.
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }
}
