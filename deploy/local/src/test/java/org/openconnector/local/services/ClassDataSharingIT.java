package org.openconnector.local.services;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconnector.local.TestPorts;
import org.openconnector.local.health.ReadinessWait;
import org.openconnector.local.process.ChildProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Class-data archives with real JVMs: recorded from a running process with jcmd, mapped by the
 * next run, dropped when the jars change. (Their effect on start-up time is measured on the real
 * services, not here.)
 */
class ClassDataSharingIT {

    @TempDir
    Path dir;

    @Test
    void aJarThatCannotBeExtractedStillStartsPlainly() throws Exception {
        Path jar = dir.resolve("plain-service/target/plain-service-0.1.0-SNAPSHOT-exec.jar");
        ServiceGroupIT.writeExecJar(jar);  // a runnable jar, but not a Spring Boot one

        ClassDataSharing.Plan plan = new ClassDataSharing(dir.resolve("cds"), TestPorts.javaBin()).plan("plain-service", jar);

        assertThat(plan.jar()).isEqualTo(jar);
        assertThat(plan.jvmArgs()).isEmpty();
    }

    @Test
    void aJvmRecordsAnArchiveWhileRunningThatTheNextRunMaps() throws Exception {
        Path jar = dir.resolve("plain-service/target/plain-service-0.1.0-SNAPSHOT-exec.jar");
        ServiceGroupIT.writeExecJar(jar);
        String classpath = jar.toString();
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), TestPorts.javaBin());

        ClassDataSharing.Plan first = cds.planForClasspath("fake", classpath);
        assertThat(first.isTraining()).isTrue();
        assertThat(first.jvmArgs()).contains("-XX:+RecordDynamicDumpInfo");
        ServiceSpec spec = new ServiceSpec("fake", "plain-service", TestPorts.free(), "UNUSED_URL");
        ServiceGroup group = new ServiceGroup(dir, dir.resolve("logs"), TestPorts.javaBin(), List.of("-Xmx32m"));
        ChildProcess child = group.start(spec, new ClassDataSharing.Plan(first.jvmArgs(), jar, first.training(),
                first.archive()), Map.of("FAKE_STOPPED_FILE", dir.resolve("stopped").toString()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> new ReadinessWait().isUp(
                    URI.create(spec.baseUrl() + "/actuator/health/readiness")));
            assertThat(cds.record(child.pid(), first)).isTrue();
        } finally {
            group.stopAll();
        }
        assertThat(first.archive()).exists();
        assertThat(first.training()).doesNotExist();

        ClassDataSharing.Plan second = cds.planForClasspath("fake", classpath);
        assertThat(second.isTraining()).isFalse();
        assertThat(second.jvmArgs()).containsExactly("-XX:SharedArchiveFile=" + first.archive());

        // The next JVM maps it: it logs no complaint, so the archive is kept.
        ChildProcess mapped = otherGroup().start(spec, new ClassDataSharing.Plan(second.jvmArgs(), jar, null,
                second.archive()), Map.of("FAKE_STOPPED_FILE", dir.resolve("stopped2").toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> new ReadinessWait().isUp(
                URI.create(spec.baseUrl() + "/actuator/health/readiness")));
        mapped.stop(Duration.ofSeconds(10));
        assertThat(cds.dropIfUnusable(second, mapped.logFile())).isFalse();
        assertThat(second.archive()).exists();
    }

    @Test
    void anArchiveTheJvmCouldNotMapIsDroppedSoTheNextRunRecordsAnother() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("cds/svc")).resolve("app.jsa");
        Files.writeString(archive, "stale");
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "[0.2s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load\n");
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), TestPorts.javaBin());

        assertThat(cds.dropIfUnusable(new ClassDataSharing.Plan(List.of(), null, null, archive), log)).isTrue();
        assertThat(archive).doesNotExist();
    }

    private ServiceGroup otherGroup() {
        return new ServiceGroup(dir, dir.resolve("logs2"), TestPorts.javaBin(), List.of("-Xmx32m"));
    }

    @Test
    void aChangedClasspathDropsTheOldArchive() throws Exception {
        Path jar = dir.resolve("lib/a.jar");
        ServiceGroupIT.writeExecJar(jar);
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), TestPorts.javaBin());
        ClassDataSharing.Plan first = cds.planForClasspath("kafka", jar.toString());
        Files.writeString(first.archive(), "archive of the old jars");

        assertThat(cds.planForClasspath("kafka", jar.toString()).isTraining()).isFalse();
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

        assertThat(cds.planForClasspath("kafka", jar.toString()).isTraining()).isTrue();
        assertThat(first.archive()).doesNotExist();
    }
}
