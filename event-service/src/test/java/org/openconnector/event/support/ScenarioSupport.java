package org.openconnector.event.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What the event-service scenarios share: the API client, the database, loopback receivers closed
 * after each test, and a way to put a raw record on {@code platform.events} as another service would.
 */
public abstract class ScenarioSupport {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
        receivers.clear();
    }

    protected WebhookReceiver receiver() {
        WebhookReceiver r = new WebhookReceiver();
        receivers.add(r);
        return r;
    }

    /** An event type no other test uses, so definitions of different tests never match each other's events. */
    protected static String uniqueType(String stem) {
        return "test." + UUID.randomUUID().toString().substring(0, 8) + "." + stem;
    }

    protected Map<String, Object> createEvent(Map<String, Object> body) {
        return web.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    protected String createEvent(String eventType, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("name", "event " + eventType);
        body.put("eventType", eventType);
        return (String) createEvent(body).get("id");
    }

    /** Creates a subscription; the answer carries the plain secret. */
    protected Map<String, Object> subscribe(String eventId, String callbackUrl, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("callbackUrl", callbackUrl);
        return web.post().uri("/api/v1/events/{id}/subscriptions", eventId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    protected Map<String, Object> trigger(String eventId, Map<String, Object> body) {
        return web.post().uri("/api/v1/events/{id}/trigger", eventId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isAccepted().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> messages(String query) {
        Map<String, Object> page = web.get().uri("/api/v1/event-messages?_limit=500&" + query).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("results");
    }

    protected List<Map<String, Object>> awaitMessages(String query, int count, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> messages(query),
                list -> list.size() >= count && list.stream().allMatch(m -> status.equals(m.get("status"))));
    }

    /** Puts a record on platform.events directly, as another service's outbox relay would. */
    protected static void publishRaw(String key, String cloudEventJson) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", RealInfrastructure.get().kafkaBootstrap(),
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, key, cloudEventJson)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected long count(String sql, Object... binds) {
        var spec = db.sql(sql);
        for (int i = 0; i < binds.length; i++) {
            spec = spec.bind("p" + i, binds[i]);
        }
        return spec.map(row -> row.get(0, Long.class)).one().block();
    }
}
