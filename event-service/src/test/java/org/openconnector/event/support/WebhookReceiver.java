package org.openconnector.event.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on loopback standing in for a webhook receiver: it records every request and
 * answers as {@link #respond} says (a status with headers, or never, to play a hanging receiver).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received; header names lower-cased. */
    public record Received(String path, Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** What to answer; {@code null} from the behaviour means never answer. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status) {
            return new Reply(status, Map.of(), "answer " + status);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> behaviour = r -> Reply.of(200);
    private final DisposableServer server;

    public WebhookReceiver() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, String> headers = new TreeMap<>();
                            req.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                            Received r = new Received(req.uri(), headers, body, Instant.now());
                            received.add(r);
                            Reply reply = behaviour.apply(r);
                            return reply == null ? Mono.<Reply>never() : Mono.just(reply);
                        })
                        .flatMap(reply -> {
                            res.status(HttpResponseStatus.valueOf(reply.status()));
                            reply.headers().forEach(res::header);
                            return res.sendString(Mono.just(reply.body())).then();
                        }))
                .bindNow();
    }

    public WebhookReceiver respond(Function<Received, Reply> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
