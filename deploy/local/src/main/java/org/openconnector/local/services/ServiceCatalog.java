package org.openconnector.local.services;

import java.util.List;
import java.util.Map;

/** The six services with their default ports (design §2); each port overridable by environment. */
public final class ServiceCatalog {

    private record Default(String name, int port, String urlEnv, String portEnv) {
    }

    private static final List<Default> DEFAULTS = List.of(
            new Default("gateway-service", 8080, "GATEWAY_URL", "OPENCONNECTOR_GATEWAY_PORT"),
            new Default("connector-service", 8081, "CONNECTOR_SERVICE_URL", "OPENCONNECTOR_CONNECTOR_PORT"),
            new Default("mapping-service", 8082, "MAPPING_SERVICE_URL", "OPENCONNECTOR_MAPPING_PORT"),
            new Default("sync-service", 8083, "SYNC_SERVICE_URL", "OPENCONNECTOR_SYNC_PORT"),
            new Default("job-service", 8084, "JOB_SERVICE_URL", "OPENCONNECTOR_JOB_PORT"),
            new Default("event-service", 8085, "EVENT_SERVICE_URL", "OPENCONNECTOR_EVENT_PORT"));

    private ServiceCatalog() {
    }

    /** All six, gateway first, with ports from {@code OPENCONNECTOR_<NAME>_PORT} where set. */
    public static List<ServiceSpec> all(Map<String, String> env) {
        return DEFAULTS.stream()
                .map(d -> new ServiceSpec(d.name(), d.name(), port(env, d.portEnv(), d.port()), d.urlEnv()))
                .toList();
    }

    private static int port(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, was '" + value + "'");
        }
    }
}
