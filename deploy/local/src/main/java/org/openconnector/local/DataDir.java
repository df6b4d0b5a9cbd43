package org.openconnector.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code ./.data}: kept between runs, wiped by {@code --clean}. */
final class DataDir {

    private DataDir() {
    }

    static void prepare(Settings settings, PrintStream out) throws IOException {
        Path dir = settings.dataDir();
        if (settings.clean() && Files.exists(dir)) {
            out.println("Wiping " + dir + " (--clean) ...");
            deleteRecursively(dir);
        }
        Files.createDirectories(settings.logDir());
    }

    static void deleteRecursively(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
