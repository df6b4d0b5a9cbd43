package org.openconnector.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Base URLs of the services ({@code openconnector.services.<name>}, defined in platform-common's
 * openconnector-service.yml from {@code CONNECTOR_SERVICE_URL} etc.). The same values feed the
 * routes in application.yml, so health and OpenAPI ask exactly the services traffic goes to.
 */
@ConfigurationProperties("openconnector")
public record ServiceUrls(@DefaultValue Map<String, URI> services) {

    private static final String SELF = "gateway";

    /** Every service behind the gateway (not the gateway itself), by name, in a stable order. */
    public Map<String, URI> backends() {
        Map<String, URI> backends = new TreeMap<>(services);
        backends.remove(SELF);
        return backends;
    }
}
