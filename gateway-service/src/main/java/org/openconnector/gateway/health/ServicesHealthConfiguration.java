package org.openconnector.gateway.health;

import org.openconnector.gateway.config.GatewayProperties;
import org.openconnector.gateway.config.ServiceUrls;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/health} of the gateway includes a {@code services} component with one entry
 * per service, so the gateway is UP only when every service is. Deliberately not part of the
 * liveness group (a down service must not get the gateway restarted) nor of readiness (taking the
 * gateway out of rotation would turn one failing service into a failing API; the routes answer 503
 * for that service instead).
 */
@Configuration(proxyBeanMethods = false)
class ServicesHealthConfiguration {

    @Bean
    CompositeReactiveHealthContributor services(ServiceUrls urls, GatewayProperties props, WebClient.Builder builder) {
        WebClient web = builder.build();
        Map<String, ServiceHealthIndicator> indicators = new LinkedHashMap<>();
        urls.backends().forEach((name, url) -> indicators.put(name, new ServiceHealthIndicator(web, url, props.healthTimeout())));
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }
}
