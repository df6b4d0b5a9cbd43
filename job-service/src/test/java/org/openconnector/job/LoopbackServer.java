package org.openconnector.job;

import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP server on loopback standing in for an external system or connector-service. Each
 * path answers by the number of the request to it: a status, or {@code 0} to never answer (a
 * hanging system). Counts requests per path.
 */
public final class LoopbackServer implements AutoCloseable {

    private final Map<String, IntFunction<Integer>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final DisposableServer server;

    public LoopbackServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    String path = req.path().startsWith("/") ? req.path() : "/" + req.path();
                    int n = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    int status = routes.getOrDefault(path, i -> 404).apply(n);
                    if (status == 0) {
                        return Mono.never();
                    }
                    return res.keepAlive(false).status(HttpStatus.valueOf(status).value()).sendString(Mono.just("{}")).then();
                })
                .bindNow();
    }

    /** {@code path} answers {@code statusByRequestNumber(n)} to its n-th request (1-based); 0 = never answer. */
    public LoopbackServer route(String path, IntFunction<Integer> statusByRequestNumber) {
        routes.put(path, statusByRequestNumber);
        return this;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
