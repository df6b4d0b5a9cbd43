package org.openconnector.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.common.testapp.OutboxTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's hand-off against a real PostgreSQL and broker, with the relay's own loop off so that each
 * test decides when a cycle runs: rows committed here are published from memory (a payload changed in
 * the table afterwards is not what goes out, and they keep their order), rows from elsewhere are read
 * from the table, and a held row another relay already took is not published again.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"openconnector.outbox.enabled=false", "openconnector.schema=commonhandoff"})
class OutboxHandOffIT {

    private static final String TOPIC = "outbox.handoff.it";

    @Autowired
    OutboxWriter writer;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxHandOff handOff;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    @Test
    void committedRowsArePublishedFromMemoryNotReadBack() {
        String key = UUID.randomUUID().toString();
        List<CloudEvent> events = List.of(event(key, 0), event(key, 1), event(key, 2));
        try (KafkaTestConsumer consumer = consumer()) {
            tx.transactional(writer.appendAll(TOPIC, events)).block();
            // what the relay would read back from the table is not what it sends
            db.sql("update outbox set payload = '{\"tampered\":true}' where message_key = :k").bind("k", key).then().block();
            double fetchedBefore = fetched();
            drainOutbox();

            List<ConsumerRecord<String, String>> arrived = consumer.await(r -> key.equals(r.key()), 3, Duration.ofSeconds(30));
            assertThat(arrived).extracting(ConsumerRecord::value).allSatisfy(v -> assertThat(v).doesNotContain("tampered"));
            assertThat(arrived).extracting(r -> r.value().replaceAll("(?s).*\"n\":(\\d+).*", "$1")).containsExactly("0", "1", "2");
            assertThat(fetched()).isEqualTo(fetchedBefore);
            assertThat(rows(key)).as("acknowledged rows are deleted").isZero();
        }
    }

    @Test
    void rowsFromAnotherReplicaAreReadFromTheTableInTableOrder() {
        String key = UUID.randomUUID().toString();
        try (KafkaTestConsumer consumer = consumer()) {
            // rows another replica committed and never relayed (it died), around one of ours
            insertElsewhere(key, "{\"n\":0}");
            tx.transactional(writer.append(TOPIC, key, event(key, 1))).block();
            insertElsewhere(key, "{\"n\":2}");
            double fetchedBefore = fetched();
            drainOutbox();

            List<ConsumerRecord<String, String>> arrived = consumer.await(r -> key.equals(r.key()), 3, Duration.ofSeconds(30));
            List<String> order = arrived.stream().map(r -> r.value().replaceAll("(?s).*\"n\":(\\d+).*", "$1")).toList();
            // ours may go first (it is held, and the relay looks for other replicas' rows once per poll interval);
            // the table's rows keep their order
            assertThat(order).containsExactlyInAnyOrder("0", "1", "2");
            assertThat(order.indexOf("0")).isLessThan(order.indexOf("2"));
            assertThat(fetched() - fetchedBefore).isEqualTo(2);
            assertThat(rows(key)).isZero();
        }
    }

    @Test
    void aHeldRowAnotherRelayAlreadyTookIsNotPublishedAgain() {
        String key = UUID.randomUUID().toString();
        try (KafkaTestConsumer consumer = consumer()) {
            tx.transactional(writer.append(TOPIC, key, event(key, 0))).block();
            // another replica's relay published and deleted it first
            db.sql("delete from outbox where message_key = :k").bind("k", key).then().block();
            String later = UUID.randomUUID().toString();
            tx.transactional(writer.append(TOPIC, later, event(later, 1))).block();
            drainOutbox();

            assertThat(consumer.await(r -> later.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(consumer.drain(r -> key.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
            assertThat(handOff.size()).as("nothing is held once the table is relayed").isZero();
        }
    }

    @Test
    void aRolledBackAppendHandsNothingOff() {
        int before = handOff.size();
        String key = UUID.randomUUID().toString();
        tx.transactional(writer.append(TOPIC, key, event(key, 0)).then(Mono.error(new IllegalStateException("boom"))))
                .onErrorResume(e -> Mono.empty()).block();
        assertThat(handOff.size()).isEqualTo(before);
        assertThat(rows(key)).isZero();
    }

    private void drainOutbox() {
        while (relay.relayOnce().block() > 0) {
            // until a cycle finds nothing left
        }
    }

    private void insertElsewhere(String key, String payload) {
        db.sql("insert into outbox (event_id, topic, message_key, payload) values (:id, :t, :k, :p)")
                .bind("id", UUID.randomUUID().toString()).bind("t", TOPIC).bind("k", key).bind("p", payload).then().block();
    }

    private long rows(String key) {
        return db.sql("select count(*) from outbox where message_key = :k").bind("k", key).map(r -> r.get(0, Long.class)).one().block();
    }

    private double fetched() {
        return meters.counter("openconnector.outbox.fetched").count();
    }

    private static KafkaTestConsumer consumer() {
        return new KafkaTestConsumer(RealInfrastructure.get().kafkaBootstrap(), TOPIC);
    }

    private static CloudEvent event(String subject, int n) {
        return CloudEvent.of("/test", "org.openconnector.test.handoff", subject, JsonNodeFactory.instance.objectNode().put("n", n));
    }
}
