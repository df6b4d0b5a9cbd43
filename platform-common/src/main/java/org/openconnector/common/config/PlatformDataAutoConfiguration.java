package org.openconnector.common.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openconnector.common.crypto.CryptoProperties;
import org.openconnector.common.crypto.SecretCipher;
import org.openconnector.common.outbox.IdempotentConsumer;
import org.openconnector.common.outbox.OutboxHandOff;
import org.openconnector.common.outbox.OutboxProperties;
import org.openconnector.common.outbox.OutboxRelay;
import org.openconnector.common.outbox.OutboxSignal;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * Outbox, idempotent consumer and secret cipher, for services with a database. The relay gets a
 * producer of its own, configured from {@code spring.kafka.*} but always idempotent with
 * {@code acks=all}, and with short blocking limits so a missing broker is noticed quickly.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@ConditionalOnBean(DatabaseClient.class)
@EnableConfigurationProperties({OutboxProperties.class, CryptoProperties.class})
public class PlatformDataAutoConfiguration {

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    /** Payloads of a few relay batches (a storage sync commits 500 at a time); older ones are read back from the table. */
    @Bean
    OutboxHandOff outboxHandOff(OutboxProperties props) {
        return new OutboxHandOff(4 * props.batchSize(), java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
    }

    @Bean
    OutboxWriter outboxWriter(DatabaseClient db, JsonMapper json, OutboxSignal signal, OutboxHandOff handOff) {
        return new OutboxWriter(db, json, signal, handOff);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, ReactiveTransactionManager txm, KafkaProperties kafka,
                            OutboxProperties props, OutboxSignal signal, OutboxHandOff handOff, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new OutboxRelay(db, TransactionalOperator.create(txm), config, props, signal, handOff, meters);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(DatabaseClient db, ReactiveTransactionManager txm) {
        return new IdempotentConsumer(db, TransactionalOperator.create(txm));
    }

    @Bean
    @ConditionalOnProperty(prefix = "openconnector.crypto", name = "active-key-id")
    SecretCipher secretCipher(CryptoProperties props) {
        return new SecretCipher(props);
    }
}
