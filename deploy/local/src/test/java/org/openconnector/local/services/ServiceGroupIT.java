package org.openconnector.local.services;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconnector.local.TestPorts;
import org.openconnector.local.health.ReadinessWait;
import org.openconnector.local.health.ReadinessWait.Outcome;
import org.openconnector.local.process.ChildProcess;
import org.openconnector.local.process.LogFiles;
import org.openconnector.local.process.ShutdownSequence;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services path of the launcher with real processes: {@code java -jar <module>/target/*-exec.jar}
 * (a JDK-only stand-in, see {@link FakeService}), readiness polling, crash reporting, and the
 * shutdown sequence leaving no process behind.
 */
class ServiceGroupIT {

    @TempDir
    Path root;

    private final List<String> stopped = new ArrayList<>();

    @BeforeEach
    void buildFakeServiceJars() throws IOException {
        for (String module : List.of("alpha-service", "beta-service", "broken-service")) {
            writeExecJar(root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar"));
        }
    }

    @Test
    void startsServicesWaitsUntilReadyAndStopsThemGracefullyInReverseOrder() throws Exception {
        ServiceGroup group = new ServiceGroup(root, root.resolve("logs"), TestPorts.javaBin(), List.of("-Xmx32m"));
        ShutdownSequence shutdown = new ShutdownSequence(line -> { });
        shutdown.push("infrastructure", () -> stopped.add("infrastructure"));
        shutdown.push("services", () -> {
            group.stopAll();
            stopped.add("services");
        });
        List<ReadinessWait.Target> targets = new ArrayList<>();
        for (String name : List.of("alpha-service", "beta-service")) {
            ServiceSpec spec = new ServiceSpec(name, name, TestPorts.free(), "UNUSED_URL");
            ChildProcess child = group.start(spec, plainJar(spec),
                    Map.of("FAKE_STOPPED_FILE", root.resolve(name + ".stopped").toString()));
            targets.add(new ReadinessWait.Target(child, URI.create(spec.baseUrl() + "/actuator/health/readiness")));
        }
        List<ChildProcess> children = group.running();

        Outcome outcome = new ReadinessWait().await(targets, children, Duration.ofSeconds(60), t -> { });
        assertThat(outcome).isInstanceOf(Outcome.Ready.class);
        assertThat(Files.readString(root.resolve("logs/alpha-service.log"))).contains("fake service listening on");

        shutdown.run();

        assertThat(stopped).containsExactly("services", "infrastructure");
        assertThat(root.resolve("alpha-service.stopped")).hasContent("stopped on SIGTERM");
        assertThat(root.resolve("beta-service.stopped")).hasContent("stopped on SIGTERM");
        assertThat(children).noneMatch(ChildProcess::isAlive);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(group.running()).hasSize(2);
    }

    @Test
    void aServiceThatDiesWhileStartingIsReportedWithItsExitCodeAndLog() throws Exception {
        ServiceGroup group = new ServiceGroup(root, root.resolve("logs"), TestPorts.javaBin(), List.of("-Xmx32m"));
        ServiceSpec spec = new ServiceSpec("broken-service", "broken-service", TestPorts.free(), "UNUSED_URL");
        ChildProcess child = group.start(spec, plainJar(spec), Map.of("FAKE_EXIT_CODE", "3"));

        Outcome outcome = new ReadinessWait().await(
                List.of(new ReadinessWait.Target(child, URI.create(spec.baseUrl() + "/actuator/health/readiness"))),
                List.of(child), Duration.ofSeconds(60), t -> { });

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Died.class, died -> {
            assertThat(died.process().name()).isEqualTo("broken-service");
            assertThat(died.process().exitValue()).isEqualTo(3);
            assertThat(died.process().isStopping()).isFalse();
        });
        assertThat(LogFiles.tail(child.logFile(), 5)).contains("boom: failing on purpose");
        group.stopAll();
    }

    @Test
    void aStoppingGroupStartsNothingMore() throws Exception {
        ServiceGroup group = new ServiceGroup(root, root.resolve("logs"), TestPorts.javaBin(), List.of("-Xmx32m"));
        group.stopAll();
        ServiceSpec spec = new ServiceSpec("alpha-service", "alpha-service", TestPorts.free(), "UNUSED_URL");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> group.start(spec, plainJar(spec), Map.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(group.running()).isEmpty();
    }

    private ClassDataSharing.Plan plainJar(ServiceSpec spec) throws IOException {
        return ClassDataSharing.Plan.none(spec.jar(root));
    }

    /** A runnable jar holding only {@link FakeService}, laid out like a real service's exec jar. */
    static void writeExecJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
    }
}
