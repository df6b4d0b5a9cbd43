package org.openconnector.sync.run;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsPositionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static int count(String body, String position) {
        return ApiSourceReader.items(JSON.readTree(body), position).size();
    }

    @Test
    void findsObjectsWhereOpenConnectorLooks() {
        assertThat(count("{\"results\":[{},{}]}", null)).isEqualTo(2);
        assertThat(count("{\"items\":[{}]}", null)).isEqualTo(1);
        assertThat(count("{\"data\":[{},{},{}]}", null)).isEqualTo(3);
        assertThat(count("[{},{}]", null)).isEqualTo(2);
        assertThat(count("[{},{}]", "_root")).isEqualTo(2);
        assertThat(count("{\"id\":1}", "_object")).isEqualTo(1);
        assertThat(count("{\"a\":{\"b\":[{},{}]}}", "a.b")).isEqualTo(2);
        assertThat(count("{\"a\":{\"b\":{\"id\":1}}}", "a.b")).as("a single object is a one-element list").isEqualTo(1);
    }

    @Test
    void anAnswerWithoutTheListIsAnErrorNotAnEmptyPage() {
        // an error body read as "no objects" would look like a source that deleted everything
        assertThatThrownBy(() -> count("{\"error\":\"down\"}", null)).isInstanceOf(RunFailure.class);
        assertThatThrownBy(() -> count("{\"error\":\"down\"}", "results")).isInstanceOf(RunFailure.class);
    }
}
