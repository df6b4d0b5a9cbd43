package org.openconnector.local.services;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconnector.local.TestPorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive bookkeeping around the services' class-data sharing. (The archive itself is the
 * JVM's; its effect on start-up time is measured on the real services, not here.)
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
    void keepsAnArchiveOnlyFromACleanlyStoppedRun() throws Exception {
        Path training = dir.resolve("training.jsa");
        Path archive = dir.resolve("app.jsa");
        ClassDataSharing.Plan plan = new ClassDataSharing.Plan(List.of("-XX:ArchiveClassesAtExit=" + training),
                dir.resolve("app.jar"), training, archive);

        Files.writeString(training, "classes");
        plan.afterStop(false);
        assertThat(training).doesNotExist();
        assertThat(archive).doesNotExist();

        Files.writeString(training, "classes");
        plan.afterStop(true);
        assertThat(training).doesNotExist();
        assertThat(archive).hasContent("classes");
    }
}
