package org.openconnector.local;

import org.openconnector.local.services.ServiceSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every port this run will listen on, and what for (named after the variable that moves it). */
final class PortPlan {

    private PortPlan() {
    }

    static Map<Integer, String> of(Settings s) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        if (s.embeddedPostgres()) {
            ports.put(s.pgPort(), "PostgreSQL (OPENCONNECTOR_PG_PORT)");
        }
        if (s.embeddedKafka()) {
            ports.put(s.kafkaPort(), "Kafka (OPENCONNECTOR_KAFKA_PORT)");
            ports.put(s.kafkaControllerPort(), "Kafka controller (OPENCONNECTOR_KAFKA_CONTROLLER_PORT)");
        }
        for (ServiceSpec spec : s.services()) {
            String key = spec.name().replace("-service", "").toUpperCase();
            ports.put(spec.port(), spec.name() + " (OPENCONNECTOR_" + key + "_PORT)");
        }
        return ports;
    }
}
