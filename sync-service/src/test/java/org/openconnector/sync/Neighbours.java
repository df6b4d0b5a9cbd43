package org.openconnector.sync;

import org.openconnector.common.test.ServiceProcess;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real connector-service and mapping-service, started once per test JVM from their exec jars
 * against the same PostgreSQL and Kafka (build them first:
 * {@code mvn -B -o -q package -DskipTests -pl connector-service,mapping-service}).
 */
final class Neighbours {

    private static ServiceProcess connector;
    private static ServiceProcess mapping;

    private Neighbours() {
    }

    static synchronized void start() {
        if (connector != null) {
            return;
        }
        try {
            connector = ServiceProcess.start("connector-service", Map.of("OPENCONNECTOR_ALLOW_LOOPBACK_DESTINATIONS", "true"), List.of());
            mapping = ServiceProcess.start("mapping-service", Map.of(), List.of());
            connector.awaitReady(Duration.ofSeconds(180));
            mapping.awaitReady(Duration.ofSeconds(180));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the neighbour services", e);
        }
    }

    static void register(DynamicPropertyRegistry registry) {
        start();
        registry.add("openconnector.services.connector", connector::baseUrl);
        registry.add("openconnector.services.mapping", mapping::baseUrl);
    }

    /** Creates a resource through a neighbour's public API and answers its id. */
    static String create(String service, String path, String body) {
        String base = service.equals("connector") ? connector.baseUrl() : mapping.baseUrl();
        JsonNode created = WebClient.create(base).post().uri(path).header("Content-Type", "application/json").bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(30));
        return created.get("id").asString();
    }

    static void put(String path, String body) {
        WebClient.create(mapping.baseUrl()).put().uri(path).header("Content-Type", "application/json").bodyValue(body)
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
    }

    static String source(String location) {
        return create("connector", "/api/v1/sources", "{\"name\":\"loopback\",\"type\":\"api\",\"location\":\"" + location + "\"}");
    }
}
