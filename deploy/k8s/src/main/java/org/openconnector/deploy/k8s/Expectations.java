package org.openconnector.deploy.k8s;

import java.util.Map;
import java.util.Set;

/**
 * What the platform needs from its manifests, beyond what every workload needs.
 *
 * @param production               prod rules: at least 2 replicas, rolling updates without unavailable pods
 * @param exposed                  the only Deployments that may take traffic from outside the namespace
 * @param externalEgress           the only Deployments that may connect outside the cluster
 * @param lagTopicByDeployment     consumers whose HPA must scale on the lag of their group on this topic
 * @param shutdownTimeoutSeconds   Spring's {@code spring.lifecycle.timeout-per-shutdown-phase}
 */
public record Expectations(boolean production, Set<String> exposed, Set<String> externalEgress,
                           Map<String, String> lagTopicByDeployment, int shutdownTimeoutSeconds) {

    /** Open Connector's six services (see CONTRIBUTING.md and docs for the topics each consumes). */
    public static Expectations platform(boolean production) {
        return new Expectations(production,
                Set.of("gateway-service"),
                Set.of("connector-service", "event-service"),
                Map.of("connector-service", "connector.call-logs",
                        "sync-service", "sync.triggers",
                        "job-service", "job.results",
                        "event-service", "platform.events"),
                20);
    }
}
