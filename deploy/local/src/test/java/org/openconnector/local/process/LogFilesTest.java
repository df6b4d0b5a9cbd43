package org.openconnector.local.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCrashExcerptLeadsWithTheErrorAndItsCausesNotTheRetryNoiseAfterIt() throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "08:00 INFO starting",
                "08:01 ERROR 42 --- [main] o.s.boot.SpringApplication : Application run failed",
                "\tat org.example.Somewhere(Somewhere.java:1)",
                "Caused by: FlywaySqlUnableToConnectToDbException: Unable to obtain connection",
                "Caused by: java.net.ConnectException: Connection refused"));
        for (int i = 0; i < 30; i++) {
            lines.add("08:02 WARN retrying broker " + i);
        }
        Path log = dir.resolve("svc.log");
        Files.write(log, lines);

        List<String> excerpt = LogFiles.crashExcerpt(log, 3);

        assertThat(excerpt).containsExactly(
                "08:01 ERROR 42 --- [main] o.s.boot.SpringApplication : Application run failed",
                "Caused by: FlywaySqlUnableToConnectToDbException: Unable to obtain connection",
                "Caused by: java.net.ConnectException: Connection refused",
                "...",
                "08:02 WARN retrying broker 27", "08:02 WARN retrying broker 28", "08:02 WARN retrying broker 29");
    }

    @Test
    void withoutAnErrorLineItIsTheTailAndAMissingLogIsEmpty() throws Exception {
        Path log = dir.resolve("svc.log");
        Files.write(log, List.of("a", "b", "c"));

        assertThat(LogFiles.crashExcerpt(log, 2)).containsExactly("b", "c");
        assertThat(LogFiles.crashExcerpt(dir.resolve("none.log"), 2)).isEmpty();
    }

    @Test
    void rotationKeepsThePreviousRunsLog() throws Exception {
        Path log = dir.resolve("logs/svc.log");
        LogFiles.rotate(log);
        Files.writeString(log, "run 1");
        LogFiles.rotate(log);

        assertThat(log).doesNotExist();
        assertThat(dir.resolve("logs/svc.log.prev")).hasContent("run 1");
    }
}
