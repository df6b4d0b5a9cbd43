package org.openconnector.common.config;

import io.micrometer.context.ContextRegistry;
import org.openconnector.common.error.ProblemAdvice;
import org.openconnector.common.error.ProblemWebExceptionHandler;
import org.openconnector.common.net.DestinationPolicy;
import org.openconnector.common.net.DestinationProperties;
import org.openconnector.common.web.BodySizeLimitFilter;
import org.openconnector.common.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Web parts every service (and the gateway) shares: error contract, request ids, body limit, destination policy. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({ApiProperties.class, DestinationProperties.class})
public class PlatformWebAutoConfiguration {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcRequestIdAccessor());
    }

    @Bean
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(JsonMapper json) {
        return new ProblemWebExceptionHandler(json);
    }

    @Bean
    DestinationPolicy destinationPolicy(DestinationProperties props) {
        return new DestinationPolicy(props);
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(ApiProperties props, JsonMapper json) {
        return new BodySizeLimitFilter(props.maxBodySize().toBytes(), json);
    }
}
