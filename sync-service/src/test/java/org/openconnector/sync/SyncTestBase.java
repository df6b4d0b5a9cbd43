package org.openconnector.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;


/**
 * What every sync-service IT shares (and so one Spring context): the platform contract, the real
 * connector-service and mapping-service processes, a loopback source/target API per test with a
 * source and a mapping created through the neighbours' public APIs.
 */
@SpringBootTest(classes = SyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // windows of 7 (pages are 10): every run spans several windows, so the pipelined stages overlap; storage
        // windows are written two at a time here (default 1) so that the tests cover concurrent window transactions
        properties = {"openconnector.sync.lease=5m", "openconnector.sync.window=7", "openconnector.sync.window-writes=2",
                // the ITs count the events a run wrote in the outbox table: keep relayed rows (marked)
                "openconnector.outbox.keep-sent=true"})
abstract class SyncTestBase extends ServiceContractIT {

    protected LoopbackApis apis;
    protected String sourceId;
    protected String mappingId;

    @DynamicPropertySource
    static void neighbours(DynamicPropertyRegistry registry) {
        Neighbours.register(registry);
    }

    @Override
    protected String schema() {
        return "sync";
    }

    @BeforeEach
    void loopback() {
        apis = new LoopbackApis();
        sourceId = Neighbours.source(apis.location());
        mappingId = Neighbours.create("mapping", "/api/v1/mappings",
                "{\"name\":\"things\",\"mapping\":{\"title\":\"name\",\"cost\":\"price\",\"origin\":\"id\"}}");
    }

    @AfterEach
    void stopLoopback() {
        apis.close();
    }

    protected String syncBody(String actions) {
        return """
                {"name":"items to things","sourceId":"%s","targetId":"%s","sourceTargetMapping":"%s",
                 "sourceConfig":{"endpoint":"/items","resultsPosition":"results","idPosition":"id"},
                 "targetConfig":{"endpoint":"/things","idPosition":"id"},"actions":%s}""".formatted(sourceId, sourceId, mappingId, actions);
    }

    protected JsonNode post(String uri, String body, int status) {
        return web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    protected JsonNode get(String uri) {
        return web.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    protected String createSync(String actions) {
        return post("/api/v1/synchronizations", syncBody(actions), 201).get("id").asString();
    }
}
