package org.openconnector.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders, parses strictly into the Kubernetes model and passes every rule. */
class OverlaysTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    @Test
    void devAndProdOverlaysExist() {
        assertThat(Manifests.overlays()).contains("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayPassesEveryRule(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);

        assertThat(ManifestCheck.check(docs, Expectations.platform("prod".equals(overlay)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayDeploysEveryServiceWithItsCompanions(String overlay) {
        List<Map<String, Object>> docs = Manifests.render(overlay);

        for (String service : Manifests.SERVICES) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler")) {
                assertThat(Manifests.find(docs, kind, service)).isNotNull();
            }
        }
        String namespace = Manifests.at(docs.get(0), "metadata.namespace");
        assertThat(namespace).isNotBlank();
        assertThat(docs).allSatisfy(d -> assertThat(Manifests.<String>at(d, "metadata.namespace")).isEqualTo(namespace));
    }

    @Test
    void prodRunsTwoReplicasOfEveryServiceAndDevOne() {
        for (String service : Manifests.SERVICES) {
            assertThat(Manifests.<Integer>at(Manifests.find(Manifests.render("prod"), "Deployment", service), "spec.replicas"))
                    .isEqualTo(2);
            assertThat(Manifests.<Integer>at(Manifests.find(Manifests.render("dev"), "Deployment", service), "spec.replicas"))
                    .isEqualTo(1);
        }
    }

    @Test
    void overlaysPinImagesToTheirRegistryAndTag() {
        assertThat(Manifests.<String>at(Manifests.container(Manifests.render("prod"), "sync-service"), "image"))
                .isEqualTo("registry.example.com/openconnector/sync-service:0.1.0");
        assertThat(Manifests.<String>at(Manifests.container(Manifests.render("dev"), "sync-service"), "image"))
                .isEqualTo("localhost:5000/openconnector/sync-service:0.1.0-SNAPSHOT");
    }
}
