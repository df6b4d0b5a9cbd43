package org.openconnector.mapping.mappings;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;
import org.openconnector.common.test.KafkaTestConsumer;
import org.openconnector.common.test.RealInfrastructure;
import org.openconnector.mapping.MappingIT;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Mapping resource end to end: CRUD, server-set dates and versions, list query, validation at save, events. */
class MappingApiIT extends MappingIT {

    static final String P = "/api/v1/mappings";

    static String body(String name) {
        return j("{'name':'" + name + "','description':'people to contacts','reference':'https://ref/m1',"
                + "'mapping':{'fullName':'{{ first }} {{ last }}','age':'age','contact.email':'mail'},"
                + "'unset':['tmp'],'cast':{'age':'int'},'passThrough':false,'dateCreated':'2001-01-01T00:00:00Z'}");
    }

    @Test
    void createsReadsReplacesAndDeletesAndPublishesEveryChange() {
        String name = "people " + UUID.randomUUID();
        JsonNode created = post(P, body(name), 201);
        String id = created.get("id").asString();
        assertThat(created.get("uuid").asString()).isEqualTo(id);
        assertThat(created.get("version").asString()).isEqualTo("0.0.1");
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("mapping").get("contact.email").asString()).isEqualTo("mail");
        assertThat(created.get("unset").get(0).asString()).isEqualTo("tmp");
        assertThat(created.get("cast").get("age").asString()).isEqualTo("int");
        assertThat(created.get("passThrough").asBoolean()).isFalse();
        assertThat(Instant.parse(created.get("dateCreated").asString())).as("server-set, not the client's")
                .isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(get(P + "/" + id, 200)).isEqualTo(created);
        assertThat(get("/internal/mappings/" + id, 200)).isEqualTo(created);

        JsonNode replaced = put(P + "/" + id, j("{'name':'" + name + "','mapping':{'x':'y'},'passThrough':true,'version':'0.0.1'}"), 200);
        assertThat(replaced.get("version").asString()).isEqualTo("0.0.2");
        assertThat(replaced.get("passThrough").asBoolean()).isTrue();
        assertThat(replaced.get("description").isNull()).isTrue();
        assertThat(replaced.get("unset")).isEmpty();
        assertThat(replaced.get("dateCreated")).isEqualTo(created.get("dateCreated"));
        assertThat(Instant.parse(replaced.get("dateModified").asString())).isAfter(Instant.parse(created.get("dateModified").asString()));
        assertThat(put(P + "/" + id, j("{'name':'n','mapping':{},'version':'2.0.0'}"), 200).get("version").asString()).isEqualTo("2.0.0");

        web.delete().uri(P + "/" + id).exchange().expectStatus().isNoContent();
        get(P + "/" + id, 404);
        get("/internal/mappings/" + id, 404);

        try (KafkaTestConsumer consumer = new KafkaTestConsumer(RealInfrastructure.get().kafkaBootstrap(), Topics.PLATFORM_EVENTS)) {
            List<ConsumerRecord<String, String>> events = consumer.await(r -> id.equals(r.key()), 4, Duration.ofSeconds(30));
            assertThat(events).extracting(r -> json.readTree(r.value()).get("type").asString()).containsExactly(
                    "org.openconnector.mapping.created", "org.openconnector.mapping.updated",
                    "org.openconnector.mapping.updated", "org.openconnector.mapping.deleted");
            JsonNode first = json.readTree(events.get(0).value());
            assertThat(first.get("source").asString()).isEqualTo("/mapping-service");
            assertThat(first.get("subject").asString()).isEqualTo(id);
            assertThat(first.get("data").get("mapping")).isEqualTo(created.get("mapping"));
        }
    }

    @Test
    void acceptsAClientChosenUuid() {
        String id = UUID.randomUUID().toString();
        assertThat(post(P, j("{'uuid':'" + id + "','name':'n','mapping':{}}"), 201).get("id").asString()).isEqualTo(id);
        post(P, j("{'id':'" + id + "','name':'n','mapping':{}}"), 409);
    }

    @Test
    void refusesBrokenTemplatesAndUnknownCastsPointingAtTheKey() {
        JsonNode problem = post(P, j("{'name':'n','mapping':{'ok':'a','full':'{{ first '},'cast':{'age':'integerr','n':'int'}}"), 400);
        assertThat(problem.get("violations")).extracting(v -> v.get("propertyPath").asString())
                .containsExactlyInAnyOrder("mapping.full", "cast.age");
        assertThat(problem.toString()).contains("integerr");
    }

    @Test
    void listsWithFiltersSearchOrderAndPaging() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            post(P, j("{'name':'list-" + tag + "-" + i + "','mapping':{},'passThrough':" + (i == 1) + "}"), 201);
        }
        JsonNode page = get(P + "?_search=list-" + tag + "&_order[name]=desc&_limit=2", 200);
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("pages").asInt()).isEqualTo(2);
        assertThat(page.get("results")).extracting(r -> r.get("name").asString())
                .containsExactly("list-" + tag + "-2", "list-" + tag + "-1");
        JsonNode filtered = get(P + "?_search=list-" + tag + "&passThrough=true", 200);
        assertThat(filtered.get("results")).singleElement().satisfies(r -> assertThat(r.get("name").asString()).endsWith("-1"));
        assertThat(get(P + "?name=list-" + tag + "-0", 200).get("total").asInt()).isEqualTo(1);
    }
}
