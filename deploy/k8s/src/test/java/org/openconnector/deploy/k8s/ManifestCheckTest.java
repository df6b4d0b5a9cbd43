package org.openconnector.deploy.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The checker catches each kind of broken manifest: one mutation of the valid prod rendering per row,
 * and the violation it must produce (the unmutated rendering has none: {@link OverlaysTest}).
 */
class ManifestCheckTest {

    private static final String SYNC = "sync-service";
    private static final List<Map<String, Object>> PROD = Manifests.render("prod");

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                row("secret value inlined in a Deployment", d -> env(d, SYNC).set(4,
                        map("name", "DATABASE_PASSWORD", "value", "hunter2")), "env DATABASE_PASSWORD inlines a secret value"),
                row("encryption key inlined in a Deployment", d -> env(d, "connector-service").add(
                        map("name", "OPENCONNECTOR_CRYPTO_KEYS_K1", "value", "AAAA")), "inlines a secret value"),
                row("a Secret rendered from the repository", d -> d.add(map("apiVersion", "v1", "kind", "Secret",
                        "metadata", map("name", "db"), "stringData", map("password", "x"))), "Secret/db: Secrets are created out of band"),
                row("a secret in a ConfigMap", d -> Manifests.<Map<String, Object>>at(
                        Manifests.find(d, "ConfigMap", "openconnector-config"), "data").put("DATABASE_PASSWORD", "x"),
                        "key DATABASE_PASSWORD is a secret"),
                row("missing readiness probe", d -> app(d, SYNC).remove("readinessProbe"), "missing readinessProbe"),
                row("missing startup probe", d -> app(d, SYNC).remove("startupProbe"), "missing startupProbe"),
                row("liveness on the wrong path", d -> Manifests.<Map<String, Object>>at(app(d, SYNC), "livenessProbe.httpGet")
                        .put("path", "/health"), "livenessProbe must probe /actuator/health/liveness"),
                row("probe on a port the container lacks", d -> Manifests.<Map<String, Object>>at(app(d, SYNC),
                        "readinessProbe.httpGet").put("port", "management"), "readinessProbe port management is not a port"),
                row("missing memory limit", d -> Manifests.<Map<String, Object>>at(app(d, SYNC), "resources.limits")
                        .remove("memory"), "missing resources.limits.memory"),
                row("missing requests", d -> Manifests.<Map<String, Object>>at(app(d, SYNC), "resources").remove("requests"),
                        "missing resources.requests.cpu"),
                row("image without a tag", d -> app(d, SYNC).put("image", "registry.example.com:5000/openconnector/sync-service"),
                        "must carry a tag"),
                row("image tagged latest", d -> app(d, SYNC).put("image", "openconnector/sync-service:latest"), "must carry a tag"),
                row("unknown field (typo)", d -> spec(d, "Deployment", SYNC).put("replica", 2), "unknown field(s) [replica]"),
                row("unknown field deep in a container", d -> app(d, SYNC).put("imagePullPolice", "Always"),
                        "unknown field(s) [imagePullPolice]"),
                row("wrong scalar type", d -> spec(d, "Deployment", SYNC).put("replicas", "2"), "does not match the model"),
                row("boolean in a ConfigMap", d -> Manifests.<Map<String, Object>>at(
                        Manifests.find(d, "ConfigMap", "openconnector-config"), "data").put("FLAG", true), "does not match the model"),
                row("unchecked kind", d -> d.add(map("apiVersion", "batch/v1", "kind", "Job", "metadata", map("name", "migrate"))),
                        "kind is not one of the checked kinds"),
                row("one replica in prod", d -> spec(d, "Deployment", SYNC).put("replicas", 1), "at least 2 replicas"),
                row("rolling update may drop a pod", d -> Manifests.<Map<String, Object>>at(spec(d, "Deployment", SYNC),
                        "strategy.rollingUpdate").put("maxUnavailable", 1), "maxUnavailable 0"),
                row("grace period below the shutdown timeout", d -> Manifests.<Map<String, Object>>at(
                        spec(d, "Deployment", SYNC), "template.spec").put("terminationGracePeriodSeconds", 20),
                        "must exceed the graceful-shutdown timeout"),
                row("may run as root", d -> Manifests.<Map<String, Object>>at(spec(d, "Deployment", SYNC),
                        "template.spec.securityContext").remove("runAsNonRoot"), "runAsNonRoot must be true"),
                row("autoscaler below two in prod", d -> spec(d, "HorizontalPodAutoscaler", SYNC).put("minReplicas", 1),
                        "minReplicas >= 2"),
                row("consumer without a lag metric", d -> Manifests.<List<Object>>at(spec(d, "HorizontalPodAutoscaler", SYNC),
                        "metrics").remove(1), "consumes sync.triggers as group sync-service and must scale on kafka_consumergroup_lag"),
                row("lag of a consumer group nobody uses", d -> Manifests.<Map<String, Object>>at(spec(d,
                        "HorizontalPodAutoscaler", "connector-service"), "metrics[1].external.metric.selector.matchLabels")
                        .put("consumergroup", "connector-service"), "as group connector-call-log-writer"),
                row("more consumers than partitions", d -> spec(d, "HorizontalPodAutoscaler", "job-service")
                        .put("maxReplicas", 8), "maxReplicas 8 exceeds the 6 partitions of job.results"),
                row("autoscaler without cpu", d -> Manifests.<List<Object>>at(spec(d, "HorizontalPodAutoscaler", SYNC),
                        "metrics").remove(0), "needs a cpu Resource metric"),
                row("no PodDisruptionBudget", d -> d.remove(Manifests.find(d, "PodDisruptionBudget", SYNC)),
                        "Deployment/sync-service: no PodDisruptionBudget"),
                row("no Service", d -> d.remove(Manifests.find(d, "Service", SYNC)), "Deployment/sync-service: no Service"),
                row("internal service on a LoadBalancer", d -> spec(d, "Service", SYNC).put("type", "LoadBalancer"),
                        "only ClusterIP"),
                row("ingress to an internal service", d -> Manifests.<Map<String, Object>>at(Manifests.find(d, "Ingress",
                        "openconnector"), "spec.rules[0].http.paths[0].backend.service").put("name", "connector-service"),
                        "routes to connector-service"),
                row("ingress exposing the actuator", d -> Manifests.<Map<String, Object>>at(Manifests.find(d, "Ingress",
                        "openconnector"), "spec.rules[0].http.paths[0]").put("path", "/"), "path / is not public"),
                row("outside traffic into an internal service", d -> d.add(policy("open-job", "job-service",
                        "ingress", List.of(map("ports", List.of(map("port", "http")))))), "lets traffic from anywhere into job-service"),
                row("internal service egress outside the cluster", d -> d.add(policy("egress-mapping", "mapping-service",
                        "egress", List.of(map("to", List.of(map("ipBlock", map("cidr", "0.0.0.0/0"))))))),
                        "lets mapping-service connect outside the cluster"),
                row("no default deny", d -> d.remove(Manifests.find(d, "NetworkPolicy", "default-deny")),
                        "no default-deny NetworkPolicy"),
                row("webhook sender cut off", d -> d.remove(Manifests.find(d, "NetworkPolicy", "external-egress")),
                        "event-service: must be allowed to connect outside the cluster"),
                row("missing ConfigMap", d -> d.remove(Manifests.find(d, "ConfigMap", "openconnector-crypto-config")),
                        "envFrom ConfigMap openconnector-crypto-config is not in the overlay"),
                row("topic without retention", d -> Manifests.<Map<String, Object>>at(spec(d, "KafkaTopic", "job-results"),
                        "config").remove("retention.ms"), "retention.ms must be chosen"),
                row("topic needing more in-sync replicas than it has", d -> spec(d, "KafkaTopic", "job-results")
                        .put("replicas", 1), "min.insync.replicas 2 exceeds replicas 1"),
                row("unknown field in a KafkaTopic", d -> spec(d, "KafkaTopic", "job-results").put("partition", 3),
                        "unknown field(s) [partition]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void violationIsReported(String what, Consumer<List<Map<String, Object>>> breakIt, String expected) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> docs = (List<Map<String, Object>>) Tree.copy(PROD);

        breakIt.accept(docs);

        assertThat(ManifestCheck.check(docs, Expectations.platform(true))).anyMatch(v -> v.contains(expected));
    }

    private static Arguments row(String what, Consumer<List<Map<String, Object>>> breakIt, String expected) {
        return arguments(what, breakIt, expected);
    }

    private static Map<String, Object> spec(List<Map<String, Object>> docs, String kind, String name) {
        return Manifests.at(Manifests.find(docs, kind, name), "spec");
    }

    private static Map<String, Object> app(List<Map<String, Object>> docs, String deployment) {
        return Manifests.container(docs, deployment);
    }

    private static List<Object> env(List<Map<String, Object>> docs, String deployment) {
        return Manifests.at(app(docs, deployment), "env");
    }

    private static Map<String, Object> policy(String name, String app, String direction, List<Object> rules) {
        return map("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata", map("name", name),
                "spec", map("podSelector", map("matchLabels", map("app.kubernetes.io/name", app)),
                        "policyTypes", List.of(direction.equals("ingress") ? "Ingress" : "Egress"), direction, rules));
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
