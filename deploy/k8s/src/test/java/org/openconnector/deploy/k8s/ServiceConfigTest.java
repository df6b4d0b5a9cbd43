package org.openconnector.deploy.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests match what each service actually reads (its application.yml and platform-common's
 * openconnector-service.yml): its port, its health and metrics paths, and its environment variables.
 */
class ServiceConfigTest {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    static Stream<Arguments> servicesPerOverlay() {
        return Manifests.overlays().stream().flatMap(o -> Manifests.SERVICES.stream().map(s -> Arguments.of(o, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servicesPerOverlay")
    void portsMatchTheServicesPort(String overlay, String service) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        int port = ServiceConfig.of(service).port();
        Map<String, Object> app = Manifests.container(docs, service);

        assertThat(Manifests.<Integer>at(app, "ports[0].containerPort")).isEqualTo(port);
        assertThat(Manifests.<Integer>at(Manifests.find(docs, "Service", service), "spec.ports[0].port")).isEqualTo(port);
        Map<String, String> annotations = Manifests.at(Manifests.find(docs, "Deployment", service),
                "spec.template.metadata.annotations");
        assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(port))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        String urlVariable = service.equals("gateway-service") ? "GATEWAY_URL"
                : service.replace("-service", "").toUpperCase() + "_SERVICE_URL";
        assertThat(Manifests.<String>at(Manifests.find(docs, "ConfigMap", "openconnector-config"), "data." + urlVariable))
                .isEqualTo("http://" + service + ":" + port);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servicesPerOverlay")
    void environmentIsWhatTheServiceReads(String overlay, String service) {
        List<Map<String, Object>> docs = Manifests.render(overlay);
        ServiceConfig config = ServiceConfig.of(service);
        Set<String> provided = provided(docs, Manifests.container(docs, service));

        assertThat(provided).as("variables %s sets that it never reads", service)
                .allSatisfy(v -> assertThat(config.env().keySet()).contains(v));
        assertThat(provided).as("variables %s reads without which it would use localhost defaults", service)
                .containsAll(config.required());
        assertThat(config.required()).contains("DATABASE_HOST", "DATABASE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servicesPerOverlay")
    void probesUseTheActuatorHealthGroupsTheServiceServes(String overlay, String service) {
        Map<String, Object> props = ServiceConfig.of(service).properties();

        assertThat(props).containsEntry("management.endpoint.health.probes.enabled", true)
                .doesNotContainKey("management.server.port")
                .doesNotContainKey("management.endpoints.web.base-path")
                .containsKey("management.endpoint.health.group.readiness.include");
        assertThat(String.valueOf(props.get("management.endpoints.web.exposure.include")))
                .contains("health").contains("prometheus");
        assertThat(props).containsEntry("server.shutdown", "graceful")
                .containsEntry("spring.lifecycle.timeout-per-shutdown-phase",
                        Expectations.platform(true).shutdownTimeoutSeconds() + "s");
    }

    /** Names the container gets: env entries plus the keys of every ConfigMap it takes whole. */
    private static Set<String> provided(List<Map<String, Object>> docs, Map<String, Object> container) {
        Set<String> names = new HashSet<>();
        List<Map<String, Object>> env = Manifests.at(container, "env");
        env.forEach(e -> names.add((String) e.get("name")));
        List<Map<String, Object>> envFrom = Manifests.at(container, "envFrom");
        envFrom.stream().filter(f -> f.containsKey("configMapRef")).forEach(f -> names.addAll(Manifests.<Map<String, Object>>at(
                Manifests.find(docs, "ConfigMap", Manifests.at(f, "configMapRef.name")), "data").keySet()));
        names.removeAll(JVM_VARIABLES);
        return names;
    }
}
