package org.openconnector.connector;

import org.openconnector.common.test.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of connector-service's feature ITs: one shared Spring context on the real PostgreSQL and
 * Kafka. Loopback destinations are allowed because the external systems of these tests are
 * loopback HTTP servers; metadata, link-local and private ranges stay refused.
 */
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"openconnector.destinations.allow-loopback=true", "openconnector.calls.retry-backoff=20ms",
                "openconnector.calls.breaker-min-calls=4", "openconnector.calls.breaker-open-for=1h"})
@AutoConfigureWebTestClient
public abstract class ConnectorIT {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        RealInfrastructure.register(registry);
    }

    /** Makes a test call and returns the answer; {@code expectedStatus} is the status of our API. */
    protected JsonNode testCall(String sourceId, String body, int expectedStatus) {
        var request = web.post().uri("/api/v1/sources/" + sourceId + "/test").contentType(MediaType.APPLICATION_JSON);
        byte[] out = (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(expectedStatus).expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }

    /** Creates a source from a JSON body and returns its read view. */
    protected JsonNode createSource(String body) {
        byte[] out = web.post().uri("/api/v1/sources").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json.readTree(out);
    }
}
