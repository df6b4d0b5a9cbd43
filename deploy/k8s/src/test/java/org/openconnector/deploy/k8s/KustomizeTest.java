package org.openconnector.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java renderer does what kustomize does for the subset it supports, and refuses everything
 * else (so it can never silently render differently from {@code kubectl kustomize}).
 */
class KustomizeTest {

    private static final String HEADER = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  tolerations:
                    - key: a
                  containers:
                    - name: app
                      image: registry:5000/acme/web:1.0
                      args: ["--a"]
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                    - name: sidecar
                      image: acme/sidecar:2
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: t
            spec:
              partitions: 3
              config:
                retention.ms: 1000
                cleanup.policy: delete
            """;

    @TempDir
    Path dir;

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndReplacesArgs() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          args: ["--b"]
                          env:
                            - name: B
                              value: "3"
                            - name: C
                              value: "4"
                """);
        write("overlay/kustomization.yaml", HEADER + "namespace: ns\nresources: [../base]\npatches:\n  - path: patch.yaml\n");

        Map<String, Object> web = Manifests.find(Kustomize.build(dir.resolve("overlay")), "Deployment", "web");

        assertThat(Manifests.<Integer>at(web, "spec.replicas")).isEqualTo(2);
        assertThat(Manifests.<String>at(web, "metadata.namespace")).isEqualTo("ns");
        assertThat(Manifests.<List<?>>at(web, "spec.template.spec.containers")).hasSize(2);
        Map<String, Object> app = Manifests.at(web, "spec.template.spec.containers[0]");
        assertThat(app.get("args")).isEqualTo(List.of("--b"));
        // kustomize's order (checked against kubectl kustomize 5.5): patched elements first, then the rest.
        assertThat(app.get("env")).isEqualTo(List.of(Map.of("name", "B", "value", "3"), Map.of("name", "C", "value", "4"),
                Map.of("name", "A", "value", "1")));
    }

    @Test
    void mergedListsPutThePatchedElementsFirstAsKustomizeDoes() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: sidecar
                          env:
                            - name: X
                              value: "1"
                        - name: app
                          env:
                            - name: A
                              value: "9"
                """);
        write("overlay/kustomization.yaml", HEADER + "resources: [../base]\npatches:\n  - path: patch.yaml\n");

        Map<String, Object> web = Manifests.find(Kustomize.build(dir.resolve("overlay")), "Deployment", "web");

        assertThat(Manifests.<List<Map<String, Object>>>at(web, "spec.template.spec.containers"))
                .extracting(c -> c.get("name")).containsExactly("sidecar", "app");
        assertThat(Manifests.<List<Map<String, Object>>>at(web, "spec.template.spec.containers[1].env"))
                .extracting(e -> e.get("name") + "=" + e.get("value")).containsExactly("A=9", "B=2");
    }

    @Test
    void customResourcesGetAJsonMergePatchAndTargetsPatchEveryResourceOfAKind() throws IOException {
        base();
        write("overlay/topics.yaml", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: ignored-with-a-target
                spec:
                  replicas: 1
                  config:
                    cleanup.policy: null
                """);
        write("overlay/kustomization.yaml", HEADER
                + "resources: [../base]\npatches:\n  - path: topics.yaml\n    target:\n      kind: KafkaTopic\n");

        Map<String, Object> topic = Manifests.find(Kustomize.build(dir.resolve("overlay")), "KafkaTopic", "t");

        assertThat(Manifests.<Map<String, Object>>at(topic, "spec"))
                .isEqualTo(Map.of("partitions", 3, "replicas", 1, "config", Map.of("retention.ms", 1000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "acme/sidecar | acme/sidecar |          | 3   |        | acme/sidecar:3",
            "registry:5000/acme/web | my.io/web |   | 2.0 |        | my.io/web:2.0",
            "registry:5000/acme/web |           |   |     | sha256:ab | registry:5000/acme/web@sha256:ab",
            "registry:5000/acme/web | my.io/web |   |     |        | my.io/web:1.0"})
    void imagesRewriteNameTagAndDigest(String name, String newName, String unused, String newTag, String digest,
                                       String expected) throws IOException {
        base();
        StringBuilder k = new StringBuilder(HEADER + "resources: [../base]\nimages:\n  - name: " + name + "\n");
        if (newName != null) {
            k.append("    newName: ").append(newName).append('\n');
        }
        if (newTag != null) {
            k.append("    newTag: \"").append(newTag).append("\"\n");
        }
        if (digest != null) {
            k.append("    digest: ").append(digest).append('\n');
        }
        write("overlay/kustomization.yaml", k.toString());

        List<Map<String, Object>> docs = Kustomize.build(dir.resolve("overlay"));

        assertThat(Manifests.<List<Map<String, Object>>>at(Manifests.find(docs, "Deployment", "web"),
                "spec.template.spec.containers")).extracting(c -> c.get("image")).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "commonLabels:\\n  a: b | field 'commonLabels' is outside the kustomize subset",
            "configMapGenerator: [] | field 'configMapGenerator' is outside the kustomize subset",
            "patches:\\n  - path: p.yaml\\n    target:\\n      labelSelector: a=b | field 'labelSelector' is outside",
            "patches:\\n  - patch: '{}' | field 'patch' is outside",
            "images:\\n  - name: acme/web\\n    newTag: x | no container uses image 'acme/web'",
            "patches:\\n  - path: tolerations.yaml | does not know how kustomize merges this list",
            "patches:\\n  - path: directive.yaml | patch directive $patch is not supported",
            "patches:\\n  - path: nothing.yaml | matches no resource",
            "resources: [../base, ../base/resources.yaml] | is defined twice"})
    void refusesWhatItCannotRenderLikeKustomize(String extra, String message) throws IOException {
        base();
        write("overlay/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
        write("overlay/tolerations.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  template:\n    spec:\n      tolerations:\n        - key: b\n");
        write("overlay/directive.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n$patch: delete\n");
        write("overlay/nothing.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n");
        String resources = extra.startsWith("resources:") ? "" : "resources: [../base]\n";
        write("overlay/kustomization.yaml", HEADER + resources + extra.replace("\\n", "\n") + "\n");

        assertThatThrownBy(() -> Kustomize.build(dir.resolve("overlay")))
                .isInstanceOf(KustomizeException.class).hasMessageContaining(message);
    }

    @Test
    void everyKustomizationInTheRepositoryUsesOnlyTheSupportedFields() throws IOException {
        try (var files = Files.walk(Manifests.moduleDir().resolve("base").getParent())) {
            List<Path> kustomizations = files.filter(p -> p.getFileName().toString().startsWith("kustomization."))
                    .filter(p -> !p.toString().contains("/target/")).toList();
            assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(3);
            assertThat(kustomizations).allSatisfy(p -> assertThat(Kustomize.FIELDS).containsAll(Yaml.single(p).keySet()));
        }
    }

    private void base() throws IOException {
        write("base/resources.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", HEADER + "resources: [resources.yaml]\n");
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
