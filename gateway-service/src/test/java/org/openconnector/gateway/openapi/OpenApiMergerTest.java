package org.openconnector.gateway.openapi;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How service documents combine into the one document of the API. */
class OpenApiMergerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final OpenApiMerger merger = new OpenApiMerger(json, "1.2.3");

    @Test
    void keepsPublicPathsAndTheFirstDefinitionOfEachComponent() {
        ObjectNode merged = merger.merge(List.of(
                doc("a", """
                        {"paths":{"/api/v1/a":{"get":{}},"/internal/a":{"post":{}},"/actuator/health":{"get":{}}},
                         "components":{"schemas":{"Problem":{"description":"from a"},"A":{}},
                                       "parameters":{"page":{"name":"_page"}}},
                         "tags":[{"name":"shared"},{"name":"a"}]}"""),
                doc("b", """
                        {"paths":{"/api/v1/b":{"get":{}}},
                         "components":{"schemas":{"Problem":{"description":"from b"},"B":{}},
                                       "securitySchemes":{"token":{"type":"http"}}},
                         "tags":[{"name":"shared"},{"name":"b"}]}""")));

        assertThat(merged.path("info").path("version").asString()).isEqualTo("1.2.3");
        assertThat(merged.path("paths").propertyNames()).containsExactly("/api/v1/a", "/api/v1/b");
        assertThat(merged.path("components").path("schemas").propertyNames()).containsExactly("Problem", "A", "B");
        assertThat(merged.at("/components/schemas/Problem/description").asString()).isEqualTo("from a");
        assertThat(merged.at("/components/parameters/page/name").asString()).isEqualTo("_page");
        assertThat(merged.at("/components/securitySchemes/token/type").asString()).isEqualTo("http");
        assertThat(merged.path("tags").valueStream().map(t -> t.path("name").asString())).containsExactly("shared", "a", "b");
        assertThat(merged.path(OpenApiMerger.UNAVAILABLE).isEmpty()).isTrue();
    }

    @Test
    void namesTheServicesWhoseDocumentIsMissing() {
        ObjectNode merged = merger.merge(List.of(
                doc("a", "{\"paths\":{\"/api/v1/a\":{}}}"),
                new OpenApiMerger.ServiceDocument("sync", Optional.empty()),
                new OpenApiMerger.ServiceDocument("job", Optional.empty())));

        assertThat(merged.path(OpenApiMerger.UNAVAILABLE).valueStream().map(JsonNode::asString)).containsExactly("sync", "job");
        assertThat(merged.at("/info/description").asString()).contains("sync, job");
        assertThat(merged.path("paths").propertyNames()).containsExactly("/api/v1/a");
    }

    private OpenApiMerger.ServiceDocument doc(String service, String body) {
        return new OpenApiMerger.ServiceDocument(service, Optional.of(json.readTree(body)));
    }
}
