package org.openconnector.deploy.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image build (deploy/images) agrees with the manifests and the services: no container engine
 * runs here, so this checks the build files themselves against what the manifests and poms expect.
 */
class ImageBuildFilesTest {

    private static final Path IMAGES = Manifests.repoRoot().resolve("deploy/images");

    @Test
    void imageRunsAsTheNonRootUserTheManifestsRequire() throws IOException {
        String dockerfile = Files.readString(IMAGES.resolve("Dockerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);

        assertThat(user.find()).as("a numeric USER uid:gid").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        for (String service : Manifests.SERVICES) {
            Map<String, Object> pod = Manifests.at(Manifests.find(Manifests.render("prod"), "Deployment", service),
                    "spec.template.spec.securityContext");
            assertThat(pod).containsEntry("runAsUser", Integer.parseInt(user.group(1)))
                    .containsEntry("runAsGroup", Integer.parseInt(user.group(2)));
        }
    }

    @Test
    void imageUsesTheLayeredJarLeastChangingLayerFirstAndSizesTheHeapFromTheLimit() throws IOException {
        String dockerfile = Files.readString(IMAGES.resolve("Dockerfile"));

        assertThat(dockerfile).contains("COPY ${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar app.jar")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]")
                .containsPattern("-XX:MaxRAMPercentage=\\d+");
        // Spring Boot's default layers, in the order its layers.idx lists them.
        List<String> layers = Pattern.compile("COPY --from=layers /build/extracted/([a-z-]+)/").matcher(dockerfile)
                .results().map(m -> m.group(1)).toList();
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    }

    @Test
    void everyServiceBuildsAnExecJarAndItsImagePortIsItsPort() throws IOException {
        String build = Files.readString(IMAGES.resolve("build.sh"));

        for (String service : Manifests.SERVICES) {
            assertThat(Files.readString(Manifests.repoRoot().resolve(service).resolve("pom.xml")))
                    .as("%s builds <service>-<version>-exec.jar", service).contains("<classifier>exec</classifier>");
            assertThat(build).contains("[" + service + "]=" + ServiceConfig.of(service).port());
        }
    }
}
