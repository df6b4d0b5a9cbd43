package org.openconnector.deploy.k8s;

import java.util.Map;
import java.util.Set;

/**
 * What the platform needs from its manifests, beyond what every workload needs.
 *
 * @param production               prod rules: at least 2 replicas, rolling updates without unavailable pods
 * @param exposed                  the only Deployments that may take traffic from outside the namespace
 * @param publicPaths              the only path prefixes an Ingress may route (never /actuator, /internal)
 * @param externalEgress           the only Deployments that may connect outside the cluster
 * @param lagByDeployment          consumers whose HPA must scale on the lag of this consumer group on this topic
 * @param shutdownTimeoutSeconds   Spring's {@code spring.lifecycle.timeout-per-shutdown-phase}
 */
public record Expectations(boolean production, Set<String> exposed, Set<String> publicPaths, Set<String> externalEgress,
                           Map<String, ConsumerGroup> lagByDeployment, int shutdownTimeoutSeconds) {

    /** A Kafka consumer group of a service and the topic it reads. */
    public record ConsumerGroup(String topic, String group) {
    }

    /**
     * Open Connector's six services. The consumer groups are the {@code @KafkaListener} group ids in
     * the services' code (KafkaConsumersTest compares them); gateway-service's listener is not in the
     * list because every replica reads every event (cache invalidation), and lag says nothing there.
     */
    public static Expectations platform(boolean production) {
        return new Expectations(production,
                Set.of("gateway-service"),
                // The API, its aggregated OpenAPI document and Swagger UI (gateway-service/README.md).
                Set.of("/api", "/v3/api-docs", "/swagger-ui.html", "/webjars/swagger-ui"),
                Set.of("connector-service", "event-service"),
                Map.of("connector-service", new ConsumerGroup("connector.call-logs", "connector-call-log-writer"),
                        "sync-service", new ConsumerGroup("sync.triggers", "sync-service"),
                        "job-service", new ConsumerGroup("job.results", "job-service"),
                        "event-service", new ConsumerGroup("platform.events", "event-service")),
                20);
    }
}
