package org.openconnector.connector.call;

import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one HTTP client for external systems: one connection pool, redirects off (the engine
 * follows them itself so each hop passes the destination policy). A source with its own connect
 * timeout gets a client variant that shares the same pool.
 */
@Configuration(proxyBeanMethods = false)
public class HttpClients {

    private final HttpClient base;
    private final WebClient.Builder builder;
    private final CallProperties props;
    private final Map<Duration, WebClient> byConnectTimeout = new ConcurrentHashMap<>();

    public HttpClients(CallProperties props, WebClient.Builder builder) {
        this.props = props;
        this.builder = builder.clone().codecs(c -> c.defaultCodecs().maxInMemorySize((int) props.maxResponseSize().toBytes()));
        ConnectionProvider pool = ConnectionProvider.builder("sources").maxConnections(props.maxConnections())
                .pendingAcquireTimeout(props.connectTimeout().plus(props.responseTimeout()))
                .maxIdleTime(Duration.ofSeconds(30)).evictInBackground(Duration.ofSeconds(60)).build();
        this.base = HttpClient.create(pool).followRedirect(false).compress(true);
    }

    /** The client for the default connect timeout, also used for token endpoints. */
    @Bean
    WebClient sourceWebClient() {
        return forConnectTimeout(props.connectTimeout());
    }

    public WebClient forConnectTimeout(Duration connectTimeout) {
        return byConnectTimeout.computeIfAbsent(connectTimeout, d -> builder.clone().clientConnector(new ReactorClientHttpConnector(
                base.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) d.toMillis()))).build());
    }
}
