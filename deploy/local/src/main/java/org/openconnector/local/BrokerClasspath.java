package org.openconnector.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The broker's classpath: every jar of {@code openconnector.kafka.lib}, listed explicitly in a
 * fixed order. (A {@code lib/*} wildcard may expand in any order, and the broker's class-data
 * archive only matches the exact classpath it was recorded with.) Without the property, the
 * launcher's own classpath, which holds the same jars.
 */
final class BrokerClasspath {

    private BrokerClasspath() {
    }

    static String resolve() {
        String lib = System.getProperty("openconnector.kafka.lib");
        if (lib == null || lib.isBlank()) {
            return System.getProperty("java.class.path");
        }
        try (Stream<Path> jars = Files.list(Path.of(lib))) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .map(p -> p.toAbsolutePath().toString())
                    .sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the broker's jars in " + lib, e);
        }
    }
}
