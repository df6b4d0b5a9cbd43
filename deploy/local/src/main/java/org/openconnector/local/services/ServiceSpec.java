package org.openconnector.local.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One of the six services: its module directory, its port and the environment variable that
 * carries its base URL to the others (see {@code openconnector.services.*} in platform-common).
 */
public record ServiceSpec(String name, String module, int port, String urlEnv) {

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The runnable jar, {@code <module>/target/<artifact>-<version>-exec.jar}; the newest if several. */
    public Path jar(Path root) throws IOException {
        Path target = root.resolve(module).resolve("target");
        String artifact = Path.of(module).getFileName().toString();
        if (!Files.isDirectory(target)) {
            throw new IOException("no " + target + "; build first (mvn -DskipTests install)");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifact + "-"))
                    .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no " + artifact + "-*-exec.jar in " + target
                            + "; build first (mvn -DskipTests install)"));
        }
    }
}
