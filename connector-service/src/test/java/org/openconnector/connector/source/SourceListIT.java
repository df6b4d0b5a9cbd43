package org.openconnector.connector.source;

import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The list query on sources: envelope, paging, _search, filters and _order. */
class SourceListIT extends ConnectorIT {

    @Test
    void pagesFiltersSearchesAndOrders() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String[] types = {"api", "soap", "api", "soap", "api"};
        for (int i = 0; i < types.length; i++) {
            createSource("""
                    {"name": "list-%s-%d", "type": "%s", "isEnabled": %s, "location": "https://h%d.example.org"}
                    """.formatted(tag, i, types[i], i % 2 == 0, i));
        }
        createSource("{\"name\":\"other\",\"type\":\"api\",\"description\":\"mentions " + tag + " too\"}");

        JsonNode all = list("_search=" + tag);
        assertThat(all.get("total").asLong()).isEqualTo(6);

        JsonNode page1 = list("_search=list-" + tag + "&type=api&_limit=2&_order[name]=asc");
        assertThat(page1.get("total").asLong()).isEqualTo(3);
        assertThat(page1.get("pages").asLong()).isEqualTo(2);
        assertThat(page1.get("page").asInt()).isEqualTo(1);
        assertThat(page1.get("limit").asInt()).isEqualTo(2);
        assertThat(names(page1)).containsExactly("list-" + tag + "-0", "list-" + tag + "-2");
        JsonNode page2 = list("_search=list-" + tag + "&type=api&_limit=2&_page=2&_order[name]=asc");
        assertThat(names(page2)).containsExactly("list-" + tag + "-4");

        assertThat(names(list("_search=list-" + tag + "&isEnabled=false&_order[name]=desc")))
                .containsExactly("list-" + tag + "-3", "list-" + tag + "-1");
        assertThat(names(list("name=list-" + tag + "-3"))).containsExactly("list-" + tag + "-3");
        assertThat(names(list("_search=h4.example"))).contains("list-" + tag + "-4");
        assertThat(list("_search=" + tag + "&_limit=1").get("results").get(0).has("password")).isTrue();
    }

    private JsonNode list(String query) {
        byte[] body = web.get().uri("/api/v1/sources?" + query).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body);
    }

    private static List<String> names(JsonNode page) {
        return StreamSupport.stream(page.get("results").spliterator(), false).map(n -> n.get("name").asString()).toList();
    }
}
