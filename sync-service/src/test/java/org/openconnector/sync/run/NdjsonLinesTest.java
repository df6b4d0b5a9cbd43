package org.openconnector.sync.run;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonLinesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> parse(NdjsonLines lines, String... chunks) {
        List<String> out = new ArrayList<>();
        for (String chunk : chunks) {
            lines.next(buffer(chunk)).forEach(n -> out.add(n.toString()));
        }
        lines.rest().forEach(n -> out.add(n.toString()));
        return out;
    }

    @Test
    void linesSplitAnywhereAcrossBuffersParseWhole() {
        String body = "{\"id\":\"a\",\"n\":\"café\"}\r\n\n{\"id\":\"b\",\"list\":[1,2]}\n{\"id\":\"c\"}";
        for (int cut = 0; cut <= body.length(); cut++) {
            for (int cut2 = cut; cut2 <= body.length(); cut2 += 7) {
                List<String> lines = parse(new NdjsonLines(JSON, 1 << 20), body.substring(0, cut), body.substring(cut, cut2),
                        body.substring(cut2));
                assertThat(lines).as("cut at %d and %d", cut, cut2)
                        .containsExactly("{\"id\":\"a\",\"n\":\"café\"}", "{\"id\":\"b\",\"list\":[1,2]}", "{\"id\":\"c\"}");
            }
        }
    }

    @Test
    void aMultiByteCharacterSplitBetweenBuffersSurvives() {
        byte[] bytes = "{\"n\":\"☕\"}\n".getBytes(StandardCharsets.UTF_8);
        NdjsonLines lines = new NdjsonLines(JSON, 1 << 20);
        List<JsonNode> out = new ArrayList<>(lines.next(DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, 0, 8))));
        out.addAll(lines.next(DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, 8, bytes.length))));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("n").asString()).isEqualTo("☕");
    }

    @Test
    void aLineLongerThanTheLimitFailsInsteadOfGrowingTheHeap() {
        NdjsonLines lines = new NdjsonLines(JSON, 64);
        assertThat(lines.next(buffer("{\"short\":1}\n"))).hasSize(1);
        assertThatThrownBy(() -> lines.next(buffer("{\"long\":\"" + "x".repeat(100))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("larger than 64 bytes");
    }

    @Test
    void malformedJsonFails() {
        assertThatThrownBy(() -> new NdjsonLines(JSON, 1 << 20).next(buffer("{\"a\":\n")))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
