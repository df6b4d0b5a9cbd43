package org.openconnector.e2e;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outside world of an end-to-end run, as real HTTP on loopback: an HR system listing people
 * ({@code GET /hr/people}, one page, then empty pages), a CRM accepting contacts
 * ({@code POST/PUT /crm/contacts}) and a webhook receiver ({@code POST /hooks}).
 */
final class ExternalSystems implements AutoCloseable {

    record Webhook(Map<String, String> headers, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ArrayNode people = JSON.createArrayNode();
    final Map<String, JsonNode> contacts = new ConcurrentHashMap<>();
    final AtomicInteger contactWrites = new AtomicInteger();
    final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    ExternalSystems(int peopleCount) {
        for (int i = 1; i <= peopleCount; i++) {
            people.add(JSON.createObjectNode().put("id", "p" + i).put("first", "Ada" + i).put("last", "Lovelace")
                    .put("email", "ada" + i + "@example.org"));
        }
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/hr/people", this::people)
                        .post("/crm/contacts", this::createContact)
                        .put("/crm/contacts/{id}", this::updateContact)
                        .post("/hooks", this::hook))
                .bindNow();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private Mono<Void> people(HttpServerRequest req, HttpServerResponse res) {
        boolean firstPage = !req.uri().contains("page=") || req.uri().matches(".*[?&]page=1(&.*)?$");
        ObjectNode body = JSON.createObjectNode();
        body.set("results", firstPage ? people : JSON.createArrayNode());
        return json(res, body);
    }

    private Mono<Void> createContact(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString().flatMap(text -> {
            String id = "c" + contactWrites.incrementAndGet();
            ObjectNode contact = (ObjectNode) JSON.readTree(text);
            contact.put("id", id);
            contacts.put(id, contact);
            return json(res.status(201), contact);
        });
    }

    private Mono<Void> updateContact(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString().flatMap(text -> {
            contactWrites.incrementAndGet();
            ObjectNode contact = (ObjectNode) JSON.readTree(text);
            contact.put("id", req.param("id"));
            contacts.put(req.param("id"), contact);
            return json(res, contact);
        });
    }

    private Mono<Void> hook(HttpServerRequest req, HttpServerResponse res) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        req.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
        return req.receive().aggregate().asString().flatMap(body -> {
            webhooks.add(new Webhook(headers, body));
            return res.status(204).send();
        });
    }

    private static Mono<Void> json(HttpServerResponse res, JsonNode body) {
        return res.header("Content-Type", "application/json").sendString(Mono.just(body.toString())).then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
