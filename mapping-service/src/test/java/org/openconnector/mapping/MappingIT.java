package org.openconnector.mapping;

import org.openconnector.common.test.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Base of mapping-service's feature ITs: one shared Spring context on the real PostgreSQL and Kafka. */
@SpringBootTest(classes = MappingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class MappingIT {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    /** JSON written with ' for " (test readability). */
    protected static String j(String text) {
        return text.replace('\'', '"');
    }

    protected JsonNode post(String path, String body, int status) {
        byte[] out = web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }

    protected JsonNode put(String path, String body, int status) {
        byte[] out = web.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }

    protected JsonNode get(String path, int status) {
        byte[] out = web.get().uri(path).exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }
}
