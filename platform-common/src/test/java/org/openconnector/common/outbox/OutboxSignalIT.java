package org.openconnector.common.outbox;

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
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a poll interval of ten minutes only the commit signal can make the relay publish within the
 * test's wait: a committed append (in a transaction or on its own) is relayed at once, and several
 * commits in a row each get relayed rather than the first one only.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"openconnector.outbox.poll-interval=10m", "openconnector.schema=commonsignal",
                "openconnector.outbox.keep-sent=true"})
class OutboxSignalIT {

    private static final String TOPIC = "outbox.signal.it";

    @Autowired
    OutboxWriter writer;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    @Test
    void committedAppendsAreRelayedWithoutWaitingForThePoll() {
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(RealInfrastructure.get().kafkaBootstrap(), TOPIC)) {
            for (int i = 0; i < 3; i++) {
                CloudEvent event = event("in-tx-" + i);
                tx.transactional(writer.append(TOPIC, event)).block();
                assertThat(consumer.await(r -> event.subject().equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
            }
            CloudEvent alone = event("no-tx");
            writer.append(TOPIC, alone).block();
            assertThat(consumer.await(r -> alone.subject().equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
            // keep-sent: the relayed row stays, marked
            await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) from outbox where event_id = :id and sent_at is not null")
                    .bind("id", alone.id()).map(r -> r.get(0, Long.class)).one().block() == 1);

            List<CloudEvent> batch = List.of(event("batch-0"), event("batch-1"));
            tx.transactional(writer.appendAll(TOPIC, batch)).block();
            assertThat(consumer.await(r -> batch.get(1).subject().equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    private static CloudEvent event(String label) {
        return CloudEvent.of("/test", "org.openconnector.test.signal", UUID.randomUUID().toString(),
                JsonNodeFactory.instance.objectNode().put("label", label));
    }
}
