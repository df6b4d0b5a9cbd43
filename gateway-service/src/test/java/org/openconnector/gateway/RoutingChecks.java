package org.openconnector.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which service gets which request, and what reaches it (run by {@link GatewayServiceIT}). */
abstract class RoutingChecks {

    /** resource -> owning service: the routing table of design §2 (see README.md). */
    static final Map<String, String> OWNERS = new LinkedHashMap<>();

    static {
        for (String r : new String[]{"sources", "connectors", "endpoints", "endpoint-logs", "call-logs", "environment-variables"}) {
            OWNERS.put(r, "connector");
        }
        OWNERS.put("mappings", "mapping");
        OWNERS.put("rules", "mapping");
        for (String r : new String[]{"synchronizations", "contracts", "sync-logs", "tasks", "storages"}) {
            OWNERS.put(r, "sync");
        }
        OWNERS.put("jobs", "job");
        OWNERS.put("job-logs", "job");
        for (String r : new String[]{"events", "subscriptions", "event-messages"}) {
            OWNERS.put(r, "event");
        }
    }

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @Test
    void routesEveryResourceToItsOwningServiceKeepingPathAndQuery() {
        OWNERS.forEach((resource, service) -> {
            for (String uri : new String[]{"/api/v1/" + resource, "/api/v1/" + resource + "/42/logs?_page=2&name=a%20b&_order%5Bname%5D=desc"}) {
                // an absolute URI, so the encoded query goes out exactly as written
                web.get().uri(URI.create("http://localhost:" + port + uri)).exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.service").isEqualTo(service)
                        .jsonPath("$.method").isEqualTo("GET")
                        .jsonPath("$.uri").isEqualTo(uri);
            }
        });
    }

    @Test
    void forwardsEveryMethodAndTheBody() {
        for (HttpMethod method : new HttpMethod[]{HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            web.method(method).uri("/api/v1/mappings/7").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"m\"}").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo("mapping").jsonPath("$.method").isEqualTo(method.name());
        }
    }

    @Test
    void forwardsTheCallersRequestIdAndEchoesIt() {
        web.get().uri("/api/v1/jobs").header("X-Request-Id", "gw-route-1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "gw-route-1")
                .expectBody().jsonPath("$.requestId").isEqualTo("gw-route-1");
    }

    @Test
    void passesAServicesOwnErrorAnswerThroughUnchanged() {
        web.get().uri("/api/v1/sources/missing").header("X-Request-Id", "gw-route-2").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "gw-route-2")
                .expectBody().jsonPath("$.detail").isEqualTo("no such connector thing");
    }

    @Test
    void forwardsTheGeneratedRequestIdWhenTheCallerSentNone() {
        var result = web.get().uri("/api/v1/events").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult();
        assertThat(result.getResponseHeaders().get("X-Request-Id")).hasSize(1);
        String echoed = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(echoed).hasSizeGreaterThan(8);
        assertThat(result.getResponseBody()).containsEntry("requestId", echoed);
    }

    @Test
    void answersPathsWithoutARouteWith404ProblemAndNeverReachesAService() {
        int before = TestBackend.of("connector").apiCalls.get();
        for (String path : new String[]{"/api/v1/consumers", "/api/v1/api-tokens/1", "/api/v1/sourcesx",
                "/internal/sources/1/objects", "/api/v2/sources", "/api/v1"}) {
            web.get().uri(path).header("X-Request-Id", "nf-1").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(404)
                    .jsonPath("$.instance").isEqualTo(path)
                    .jsonPath("$.traceId").isEqualTo("nf-1");
        }
        assertThat(TestBackend.of("connector").apiCalls.get()).isEqualTo(before);
    }

    @Test
    void allowsCrossOriginCallsOnlyFromConfiguredOrigins() {
        web.options().uri("/api/v1/sources")
                .header(HttpHeaders.ORIGIN, "https://console.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://console.example");
        web.get().uri("/api/v1/sources").header(HttpHeaders.ORIGIN, "https://console.example").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://console.example");
        web.options().uri("/api/v1/sources")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
