package org.openconnector.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback standing in for one service: it echoes API calls (so a test can
 * see what the gateway forwarded), answers its readiness probe and serves an OpenAPI document.
 * Tests can make it unready, slow, or stop and restart it on the same port. Every response
 * closes its connection (stack-notes P19), so a stopped backend is really gone for the gateway.
 */
final class TestBackend {

    private static final Map<String, TestBackend> ALL = new ConcurrentHashMap<>();

    final String name;
    final AtomicBoolean ready = new AtomicBoolean(true);
    final AtomicBoolean slow = new AtomicBoolean(false);
    final AtomicBoolean slowHealth = new AtomicBoolean(false);
    final AtomicInteger apiCalls = new AtomicInteger();
    private volatile DisposableServer server;
    private volatile int port;

    private TestBackend(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
        this.port = server.port();
    }

    /** The backend standing in for service {@code name}, started once per test JVM. */
    static TestBackend of(String name) {
        return ALL.computeIfAbsent(name, TestBackend::new);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void stop() {
        server.disposeNow();
    }

    synchronized void start() {
        if (server.isDisposed()) {
            server = HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
        }
    }

    /** Back to a ready, fast, running backend: what every test starts from. */
    void reset() {
        start();
        ready.set(true);
        slow.set(false);
        slowHealth.set(false);
    }

    private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        res.keepAlive(false);
        String path = req.fullPath();
        if (path.equals("/actuator/health/readiness")) {
            boolean up = ready.get();
            Mono<Void> probe = json(res, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
            return slowHealth.get() ? Mono.delay(Duration.ofSeconds(5)).then(probe) : probe;
        }
        if (path.equals("/v3/api-docs")) {
            return json(res, HttpResponseStatus.OK, openApi());
        }
        apiCalls.incrementAndGet();
        // like a real service (platform-common's RequestIdFilter): echo the id it was given
        res.header("X-Request-Id", String.valueOf(req.requestHeaders().get("X-Request-Id")));
        if (path.endsWith("/missing")) {
            return req.receive().then().then(res.status(HttpResponseStatus.NOT_FOUND)
                    .header("Content-Type", "application/problem+json")
                    .sendString(Mono.just("{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no such " + name + " thing\"}")).then());
        }
        String echo = "{\"service\":\"" + name + "\",\"method\":\"" + req.method().name() + "\",\"uri\":\""
                + req.uri() + "\",\"requestId\":\"" + req.requestHeaders().get("X-Request-Id") + "\"}";
        Mono<Void> answer = req.receive().then().then(json(res, HttpResponseStatus.OK, echo));
        return slow.get() ? Mono.delay(Duration.ofSeconds(5)).then(answer) : answer;
    }

    private String openApi() {
        String schema = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Thing";
        return """
                {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
                 "servers":[{"url":"http://%1$s.internal"}],
                 "tags":[{"name":"%1$s"}],
                 "paths":{"/api/v1/%1$s-things":{"get":{"tags":["%1$s"],"responses":{"200":{"description":"ok"}}}},
                          "/internal/%1$s-things":{"post":{"responses":{"204":{"description":"internal"}}}}},
                 "components":{"schemas":{"%2$s":{"type":"object"},
                                          "Problem":{"type":"object","description":"from %1$s"}}}}
                """.formatted(name, schema);
    }

    private static Mono<Void> json(HttpServerResponse res, HttpResponseStatus status, String body) {
        return res.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }
}
