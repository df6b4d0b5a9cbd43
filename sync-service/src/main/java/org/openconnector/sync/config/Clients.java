package org.openconnector.sync.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** One WebClient per neighbour; every call adds its own timeout ({@link SyncProperties#callTimeout()}). */
@Configuration
public class Clients {

    public static final int MAX_BODY = 32 * 1024 * 1024;

    @Bean
    WebClient connectorClient(WebClient.Builder builder, ServiceUrls urls) {
        return builder.clone().baseUrl(urls.connector())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_BODY)).build();
    }

    @Bean
    WebClient mappingClient(WebClient.Builder builder, ServiceUrls urls) {
        return builder.clone().baseUrl(urls.mapping()).build();
    }
}
