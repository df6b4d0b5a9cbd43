package org.openconnector.connector;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for an external system. Tests register a reply
 * function per path prefix and read back what arrived. Replies close the connection so a stopped
 * route cannot linger in the client's pool (stack-notes P19).
 */
public final class Loopback implements AutoCloseable {

    public record Received(String method, String uri, HttpHeaders headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }
    }

    private final Map<String, Function<Received, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    public Loopback() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                    Received r = new Received(req.method().name(), req.uri(), req.requestHeaders().copy(), body, Instant.now());
                    received.add(r);
                    Reply reply = routes.entrySet().stream().filter(e -> req.uri().startsWith(e.getKey()))
                            .max(Map.Entry.comparingByKey((a, b) -> a.length() - b.length()))
                            .map(e -> e.getValue().apply(r)).orElse(Reply.status(404));
                    reply.headers().forEach(res::header);
                    return Mono.delay(reply.delay()).then(res.status(reply.status()).keepAlive(false)
                            .sendString(Mono.just(reply.body())).then());
                }))
                .bindNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public Loopback on(String pathPrefix, Function<Received, Reply> reply) {
        routes.put(pathPrefix, reply);
        return this;
    }

    public List<Received> received(String pathPrefix) {
        return received.stream().filter(r -> r.uri().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
