package org.openconnector.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.KraftBroker;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.common.testapp.OutboxTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against a real PostgreSQL and a real broker that goes away and comes back: rows written
 * while the broker is down wait and then arrive, exactly once; a rollback publishes nothing; a
 * relay started afresh (a restarted replica) sends only what was never sent.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class OutboxRelayIT {

    private static final String TOPIC = "outbox.it";
    private static final KraftBroker broker = startBroker();

    @Autowired
    OutboxWriter writer;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OutboxRelay relay;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eventWrittenWhileBrokerIsDownArrivesOnceWhenItIsBack() {
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            CloudEvent before = write("before-outage");
            assertThat(consumer.await(r -> r.key().equals(before.subject()), 1, Duration.ofSeconds(30))).hasSize(1);

            broker.stop();
            double failuresBefore = meters.counter("openconnector.outbox.failures").count();
            CloudEvent during = write("during-outage");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> meters.counter("openconnector.outbox.failures").count() > failuresBefore);
            assertThat(pending(during)).isTrue();

            broker.start();
            List<ConsumerRecord<String, String>> arrived = consumer.await(r -> r.key().equals(during.subject()), 1, Duration.ofSeconds(60));
            assertThat(arrived).hasSize(1);
            assertThat(arrived.get(0).value()).contains(during.id()).contains("\"specversion\":\"1.0\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> !pending(during));
            assertThat(rows(during)).as("an acknowledged row is deleted").isZero();
            assertThat(consumer.drain(r -> r.key().equals(during.subject()), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void relayPublishesAgainAfterALifecycleStopAndStart() {
        // Spring 7 stops the lifecycle beans of a paused test context and starts them again later.
        relay.stop();
        relay.start();
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            CloudEvent event = write("after-restart");
            assertThat(consumer.await(r -> r.key().equals(event.subject()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    @Test
    void batchAppendPublishesEveryEventInListOrder() {
        String subject = UUID.randomUUID().toString();
        List<CloudEvent> events = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> CloudEvent.of("/test", "org.openconnector.test.batch", subject,
                        JsonNodeFactory.instance.objectNode().put("n", i)))
                .toList();
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            tx.transactional(writer.appendAll(TOPIC, events)).block();
            List<ConsumerRecord<String, String>> arrived = consumer.await(r -> subject.equals(r.key()), 5, Duration.ofSeconds(30));
            List<String> sentIds = events.stream().map(CloudEvent::id).toList();
            assertThat(arrived).extracting(r -> sentIds.stream().filter(id -> r.value().contains(id)).findFirst().orElse("?"))
                    .containsExactlyElementsOf(sentIds);
        }
    }

    @Test
    void largeBatchIsWrittenInSeveralStatementsAndPublishedInListOrder() {
        String subject = UUID.randomUUID().toString();
        String filler = "x".repeat(1500);
        List<CloudEvent> events = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> CloudEvent.of("/test", "org.openconnector.test.bigbatch", subject,
                        JsonNodeFactory.instance.objectNode().put("n", i).put("filler", filler)))
                .toList();
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            tx.transactional(writer.appendAll(TOPIC, events)).block();
            List<ConsumerRecord<String, String>> arrived = consumer.await(r -> subject.equals(r.key()), 300, Duration.ofSeconds(60));
            List<String> order = arrived.stream().map(r -> r.value().replaceAll("(?s).*\"n\":(\\d+).*", "$1")).toList();
            assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(String::valueOf).toList());
        }
    }

    @Test
    void rowsMarkedSentArePrunedNotPublished() {
        String key = UUID.randomUUID().toString();
        db.sql("insert into outbox (event_id, topic, message_key, payload, sent_at) values (:id, :topic, :key, '{}', now())")
                .bind("id", UUID.randomUUID().toString()).bind("topic", TOPIC).bind("key", key).then().block();
        relay.stop();
        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("select count(*) from outbox where message_key = :key")
                .bind("key", key).map(r -> r.get(0, Long.class)).one().block() == 0);
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            assertThat(consumer.drain(r -> key.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void rolledBackChangePublishesNothing() {
        CloudEvent event = CloudEvent.of("/test", "org.openconnector.test.rolledback", UUID.randomUUID().toString(),
                JsonNodeFactory.instance.objectNode());
        tx.transactional(writer.append(TOPIC, event).then(reactor.core.publisher.Mono.error(new IllegalStateException("boom"))))
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
        Long rows = db.sql("select count(*) from outbox where event_id = :id").bind("id", event.id())
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(rows).isZero();
    }

    @Test
    void restartedRelaySendsOnlyWhatWasNeverSent() {
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(broker.bootstrapServers(), TOPIC)) {
            CloudEvent first = write("restart-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> !pending(first));
            CloudEvent second = write("restart-2");

            // A second relay with its own producer, as a restarted or second replica would have.
            Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(),
                    "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                    "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                    "enable.idempotence", true, "acks", "all");
            OutboxRelay restarted = new OutboxRelay(db, tx, config,
                    new OutboxProperties(false, Duration.ofMillis(50), Duration.ZERO, Duration.ofMillis(100), 500, Duration.ofSeconds(10), false),
                    new OutboxSignal(), new OutboxHandOff(2000, Duration.ofSeconds(30).toNanos()), meters);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    restarted.relayOnce().block();
                    return !pending(second);
                });
            } finally {
                restarted.stop();
            }
            assertThat(consumer.drain(r -> r.key().equals(first.subject()) || r.key().equals(second.subject()), Duration.ofSeconds(3)))
                    .hasSize(2);
        }
    }

    private CloudEvent write(String label) {
        CloudEvent event = CloudEvent.of("/test", "org.openconnector.test." + label, UUID.randomUUID().toString(),
                JsonNodeFactory.instance.objectNode().put("label", label));
        tx.transactional(writer.append(TOPIC, event)).block();
        return event;
    }

    private long rows(CloudEvent event) {
        return db.sql("select count(*) from outbox where event_id = :id").bind("id", event.id())
                .map(r -> r.get(0, Long.class)).one().block();
    }

    /** Whether the event's outbox row is not yet acknowledged by the broker. */
    private boolean pending(CloudEvent event) {
        return db.sql("select count(*) from outbox where event_id = :id and sent_at is null").bind("id", event.id())
                .map(r -> r.get(0, Long.class)).one().block() > 0;
    }

    private static KraftBroker startBroker() {
        try {
            KraftBroker b = new KraftBroker();
            b.start();
            return b;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
