package org.openconnector.bench.event;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loopback HTTP server standing in for many webhook receivers ({@code /r/<n>}). A receiver
 * answers 204 at once, or never when it is marked hanging. For each answered delivery it records
 * the latency from the write time the event carries ({@code data.t}, System.nanoTime of this JVM).
 */
final class BenchReceivers implements AutoCloseable {

    private final DisposableServer server;
    private final ConcurrentHashMap<String, Boolean> hanging = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    final AtomicLong received = new AtomicLong();
    /** Only receivers of the current run count, so a previous run's backlog does not flatter this one. */
    private volatile String currentPrefix = "/r/none/";

    BenchReceivers() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
                    if (hanging.containsKey(req.uri())) {
                        return Mono.never();
                    }
                    long now = System.nanoTime();
                    if (req.uri().startsWith(currentPrefix)) {
                        received.incrementAndGet();
                        latenciesNanos.add(now - writtenAt(body));
                    }
                    return res.status(HttpResponseStatus.NO_CONTENT).send().then();
                }))
                .bindNow();
    }

    /** Starts a run: counters reset, only {@code /r/<run>/...} counts from now on. */
    void startRun(String run) {
        currentPrefix = "/r/" + run + "/";
        received.set(0);
        latenciesNanos.clear();
    }

    String url(String run, int receiver) {
        return "http://127.0.0.1:" + server.port() + "/r/" + run + "/" + receiver;
    }

    void hang(String run, int receiver) {
        hanging.put("/r/" + run + "/" + receiver, true);
    }

    /** {@code "t": <nanos>} inside data; a cheap scan instead of a JSON parse on the hot path. */
    private static long writtenAt(String body) {
        int i = body.indexOf("\"t\":");
        int start = i + 4;
        while (body.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(body.substring(start, end));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
