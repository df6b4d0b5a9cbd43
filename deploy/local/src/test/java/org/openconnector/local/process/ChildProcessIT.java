package org.openconnector.local.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A child that ignores SIGTERM, and the processes it started, are still taken down. */
class ChildProcessIT {

    @TempDir
    Path dir;

    @Test
    void killsAChildThatIgnoresSigtermTogetherWithItsOwnChildren() throws Exception {
        // sh ignores TERM, and so do the sleeps it starts (an ignored signal stays ignored across exec).
        ChildProcess stubborn = ChildProcess.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 600 & sleep 600 & echo started; wait"),
                Map.of(), dir, dir.resolve("stubborn.log"));
        await().atMost(Duration.ofSeconds(10)).until(() -> descendantsOf(stubborn).size() == 2);
        List<ProcessHandle> grandchildren = descendantsOf(stubborn);

        boolean graceful = stubborn.stop(Duration.ofMillis(500));

        assertThat(graceful).isFalse();
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(stubborn.isStopping()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> grandchildren.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(LogFiles.tail(dir.resolve("stubborn.log"), 1)).containsExactly("started");
    }

    @Test
    void aChildThatHonoursSigtermStopsGracefully() throws Exception {
        ChildProcess polite = ChildProcess.start("polite", List.of("sleep", "600"), Map.of(), dir, dir.resolve("polite.log"));

        assertThat(polite.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(polite.isAlive()).isFalse();
    }

    private static List<ProcessHandle> descendantsOf(ChildProcess child) {
        return ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
    }
}
