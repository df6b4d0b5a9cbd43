package org.openconnector.sync;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real paged source API ({@code GET /items}, pages of {@link #PAGE}; OpenConnector style: no page
 * parameter = page 1, then {@code ?page=n}; an empty page ends it) and a real target API
 * ({@code POST/PUT/DELETE /things}) on loopback, each with switches to fail.
 */
final class LoopbackApis implements AutoCloseable {

    static final int PAGE = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ConcurrentSkipListMap<String, ObjectNode> source = new ConcurrentSkipListMap<>();
    final Map<String, JsonNode> target = new ConcurrentHashMap<>();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    /** Creates answered from an earlier create with the same Idempotency-Key (this target honours the key). */
    final AtomicInteger replayedCreates = new AtomicInteger();
    private final Map<String, ObjectNode> byIdempotencyKey = new ConcurrentHashMap<>();
    /** Listed after {@link #source}'s objects: lets a test make the source list one object twice, far apart. */
    final java.util.List<ObjectNode> alsoListed = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Page number from which the source answers 500 (0 = never). */
    volatile int failFromPage;
    /** The target accepts this many more creates, then answers 503 (negative = unlimited). */
    volatile int createsAllowed = -1;
    private final DisposableServer server;

    LoopbackApis() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/items", this::page)
                        .post("/things", this::create)
                        .put("/things/{id}", this::update)
                        .delete("/things/{id}", this::delete))
                .bindNow();
    }

    String location() {
        return "http://127.0.0.1:" + server.port();
    }

    void seed(int n) {
        for (int i = 1; i <= n; i++) {
            String id = String.format("o%04d", i);
            source.put(id, JSON.createObjectNode().put("id", id).put("name", "Object " + i).put("price", i));
        }
    }

    private Mono<Void> page(HttpServerRequest req, HttpServerResponse res) {
        String raw = new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).parameters()
                .getOrDefault("page", java.util.List.of("1")).get(0);
        int page = Integer.parseInt(raw);
        if (failFromPage > 0 && page >= failFromPage) {
            return res.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).sendString(Mono.just("{\"error\":\"down\"}")).then();
        }
        var items = JSON.createArrayNode();
        java.util.stream.Stream.concat(source.values().stream(), alsoListed.stream())
                .skip((long) (page - 1) * PAGE).limit(PAGE).forEach(items::add);
        ObjectNode body = JSON.createObjectNode();
        body.set("results", items);
        return json(res, body);
    }

    private Mono<Void> create(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(text -> {
            synchronized (this) {
                if (createsAllowed == 0) {
                    return res.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send().then();
                }
                if (createsAllowed > 0) {
                    createsAllowed--;
                }
            }
            String key = req.requestHeaders().get("Idempotency-Key");
            ObjectNode earlier = key == null ? null : byIdempotencyKey.get(key);
            if (earlier != null) {
                replayedCreates.incrementAndGet();
                return json(res.status(HttpResponseStatus.CREATED), earlier);
            }
            ObjectNode thing = (ObjectNode) JSON.readTree(text);
            String id = UUID.randomUUID().toString();
            thing.put("id", id);
            target.put(id, thing);
            if (key != null) {
                byIdempotencyKey.put(key, thing);
            }
            creates.incrementAndGet();
            return json(res.status(HttpResponseStatus.CREATED), thing);
        });
    }

    private Mono<Void> update(HttpServerRequest req, HttpServerResponse res) {
        String id = req.param("id");
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(text -> {
            if (!target.containsKey(id)) {
                return res.status(HttpResponseStatus.NOT_FOUND).send().then();
            }
            target.put(id, JSON.readTree(text));
            updates.incrementAndGet();
            return json(res, target.get(id));
        });
    }

    private Mono<Void> delete(HttpServerRequest req, HttpServerResponse res) {
        boolean existed = target.remove(req.param("id")) != null;
        if (existed) {
            deletes.incrementAndGet();
        }
        return res.status(existed ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.NOT_FOUND).send().then();
    }

    private static Mono<Void> json(HttpServerResponse res, JsonNode body) {
        return res.header("Content-Type", "application/json").sendString(Mono.just(JSON.writeValueAsString(body))).then();
    }

    /** Target objects by the name the mapping gave them. */
    Map<String, JsonNode> targetByTitle() {
        Map<String, JsonNode> out = new TreeMap<>();
        target.values().forEach(t -> out.put(t.path("title").asString(), t));
        return out;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
