package org.openconnector.mapping.rules;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.mapping.MappingIT;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rule resource end to end: CRUD with every schema field, defaults, a mapping rule, list query, events. */
class RuleApiIT extends MappingIT {

    static final String R = "/api/v1/rules";

    @Test
    void createsReadsReplacesAndDeletesAndPublishesEveryChange() {
        String mappingId = post("/api/v1/mappings", j("{'name':'for rule','mapping':{'a':'b'}}"), 201).get("id").asString();
        String name = "rule-" + UUID.randomUUID();
        JsonNode created = post(R, j("{'name':'" + name + "','description':'map the body','action':'read','timing':'after',"
                + "'conditions':{'==':[{'var':'method'},'GET']},'type':'mapping','configuration':{'mapping':'" + mappingId + "'},"
                + "'order':3,'created':'2001-01-01T00:00:00Z'}"), 201);
        String id = created.get("id").asString();
        assertThat(created.get("uuid").asString()).isEqualTo(id);
        assertThat(created.get("action").asString()).isEqualTo("read");
        assertThat(created.get("timing").asString()).isEqualTo("after");
        assertThat(created.get("conditions").has("==")).isTrue();
        assertThat(created.get("configuration").get("mapping").asString()).isEqualTo(mappingId);
        assertThat(created.get("order").asInt()).isEqualTo(3);
        assertThat(created.get("created").asString()).doesNotStartWith("2001");
        assertThat(get(R + "/" + id, 200)).isEqualTo(created);
        assertThat(get("/internal/rules/" + id, 200)).isEqualTo(created);

        JsonNode replaced = put(R + "/" + id, j("{'name':'" + name + "','action':'create','timing':'before','type':'error'}"), 200);
        assertThat(replaced.get("conditions")).isEmpty();
        assertThat(replaced.get("configuration")).isEmpty();
        assertThat(replaced.get("order").asInt()).isZero();
        assertThat(replaced.get("created")).isEqualTo(created.get("created"));

        assertThat(get(R + "?name=" + name + "&type=error&timing=before", 200).get("total").asInt()).isEqualTo(1);
        assertThat(get(R + "?name=" + name + "&type=mapping", 200).get("total").asInt()).isZero();

        web.delete().uri(R + "/" + id).exchange().expectStatus().isNoContent();
        get(R + "/" + id, 404);

        try (KafkaTestConsumer consumer = new KafkaTestConsumer(RealInfrastructure.get().kafkaBootstrap(), Topics.PLATFORM_EVENTS)) {
            List<ConsumerRecord<String, String>> events = consumer.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(30));
            assertThat(events).extracting(r -> json.readTree(r.value()).get("type").asString()).containsExactly(
                    "org.openconnector.rule.created", "org.openconnector.rule.updated", "org.openconnector.rule.deleted");
        }
    }

    @Test
    void acceptsConditionsAsTheSeedsListOfObjects() {
        JsonNode created = post(R, j("{'name':'n','action':'update','timing':'before','type':'synchronization',"
                + "'conditions':[{'in':['x',{'var':'tags'}]},{'!':{'var':'skip'}}]}"), 201);
        assertThat(created.get("conditions")).hasSize(2);
    }
}
