package org.openconnector.event.delivery;

import io.netty.channel.ChannelOption;
import org.openconnector.common.events.CloudEvent;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one structured CloudEvent with its Standard Webhooks headers. Redirects are not followed
 * (a redirect could lead past the destination policy), the whole exchange is bounded by the
 * definition's timeout, and only the first bytes of the answer are kept.
 */
@Component
class WebhookSender {

    private static final MediaType CLOUDEVENTS = MediaType.parseMediaType(CloudEvent.CONTENT_TYPE);

    private final WebClient client;
    private final int excerptBytes;

    WebhookSender(WebClient.Builder builder, DeliveryProperties props) {
        ConnectionProvider pool = ConnectionProvider.builder("webhooks")
                .maxConnections(Math.max(props.maxConcurrency() * 2, 16))
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(pool).followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        this.client = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.excerptBytes = props.responseExcerpt();
    }

    Mono<AttemptResult> send(URI url, String webhookId, long timestamp, String signature, byte[] body, Duration timeout) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        return client.post().uri(url).contentType(CLOUDEVENTS)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .header("User-Agent", "OpenConnector-Webhooks/1")
                .bodyValue(body)
                .exchangeToMono(response -> excerpt(response).map(text -> new AttemptResult(at, response.statusCode().value(),
                        millisSince(start), text, null, RetryPolicy.retryAfter(response.headers().asHttpHeaders()))))
                .timeout(timeout, Mono.error(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms")))
                .onErrorResume(e -> Mono.just(AttemptResult.failed(at, millisSince(start), e)));
    }

    /** The first bytes of the body; the rest is read and released so the connection can be reused. */
    private Mono<String> excerpt(ClientResponse response) {
        return response.body(BodyExtractors.toDataBuffers())
                .reduce(new ByteArrayOutputStream(), (out, buffer) -> {
                    try {
                        int n = Math.min(excerptBytes - out.size(), buffer.readableByteCount());
                        if (n > 0) {
                            byte[] bytes = new byte[n];
                            buffer.read(bytes);
                            out.write(bytes, 0, n);
                        }
                        return out;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .map(out -> out.toString(StandardCharsets.UTF_8))
                .defaultIfEmpty("");
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
