package org.openconnector.common.test;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * A single-node KRaft broker on fixed ports that a test can stop and start again with the same
 * data, to simulate a broker outage. (spring-kafka-test's broker picks new ports on every start,
 * so clients could never reconnect to "the same" broker.)
 */
public final class KraftBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public KraftBroker() throws IOException {
        this.dir = Files.createTempDirectory("kraft-broker");
        this.port = freePort();
        this.controllerPort = freePort();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized void start() {
        KafkaConfig config = KafkaConfig.fromProps(properties(), false);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format();
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        try {
            Path file = dir.resolve("server.properties");
            try (var out = Files.newOutputStream(file)) {
                properties().store(out, "test broker");
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[]{"format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                    "-c", file.toString(), "--standalone"}, new PrintStream(log, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Formatting broker storage failed: " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
