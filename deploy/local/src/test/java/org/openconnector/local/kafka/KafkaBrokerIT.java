package org.openconnector.local.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconnector.local.TestPorts;
import org.openconnector.local.services.ClassDataSharing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker as the platform runs it: its own process, from the Maven artifacts, data kept. */
class KafkaBrokerIT {

    private static final List<String> JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    @Test
    void brokerProcessServesARoundTripKeepsItsDataAndStopsWithNothingLeft() throws Exception {
        int port = TestPorts.free();
        int controllerPort = TestPorts.free();
        Path log = dir.resolve("logs/kafka.log");

        KafkaBroker broker = start(port, controllerPort, log);
        long pid = broker.process().pid();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).contains(pid);
        try (KafkaProducer<String, String> producer = producer(broker)) {
            producer.send(new ProducerRecord<>("roundtrip", "key-1", "hello")).get(30, TimeUnit.SECONDS);
        }
        assertThat(consumeAll(broker, "roundtrip", 1)).containsExactly("key-1=hello");
        broker.close();

        assertStopped(pid);
        assertThat(Files.readString(log)).contains("Kafka Server started");
        Path meta = dir.resolve("kafka/data/meta.properties");
        String clusterIdBefore = Files.readString(meta);

        // Second start over the same directory: no re-format, and the record is still there.
        KafkaBroker again = start(port, controllerPort, log);
        long secondPid = again.process().pid();
        try {
            assertThat(Files.readString(meta)).isEqualTo(clusterIdBefore);
            assertThat(consumeAll(again, "roundtrip", 1)).containsExactly("key-1=hello");
        } finally {
            again.close();
        }
        assertStopped(secondPid);
    }

    private KafkaBroker start(int port, int controllerPort, Path log) throws Exception {
        return KafkaBroker.start(TestPorts.javaBin(), TestPorts.brokerClasspath(), JVM,
                ClassDataSharing.Plan.none(null), dir.resolve("kafka"),
                port, controllerPort, log, Duration.ofSeconds(240));
    }

    private static void assertStopped(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        // Nothing else this JVM started is left either (the format tool, any broker helper).
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(KafkaBroker broker, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
