package org.openconnector.connector.objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming pass of {@link PageReader} against the tree reading it replaces: for every page the
 * same NDJSON bytes, the same count, the same problem, and the same answers to paging lookups.
 */
class PageReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PageReader reader = new PageReader(JSON);

    static Stream<Arguments> pages() {
        String odd = "{\"id\":\"a\\\"b\",\"q\":\"say \\\"hi\\\" \\\\ \\/ \\u00e9 \\ud83d\\ude00 é 😀 \\n\\t\\u0001\\u001F\","
                + "\"n\":[0,-1,12345678901234567890,1.10,1e2,-0.0,1E-7,3.141592653589793238,123456789012345678901234567890.5],"
                + "\"b\":true,\"f\":false,\"z\":null,\"e\":{},\"a\":[],\"deep\":{\"x\":[{\"y\":[1,{\"z\":\"\"}]}]}}";
        return Stream.of(
                // position, id position, body
                Arguments.of("items", null, "{\"items\":[{\"id\":1},{\"id\":2}],\"next\":\"/p2\"}"),
                Arguments.of("data.page.items", "id", "{\"meta\":{\"total\":3},\"data\":{\"before\":[1,2],\"page\":{\"cursor\":\"c2\","
                        + "\"items\":[{\"id\":1,\"v\":{\"w\":[1,2]}},{\"id\":2}],\"after\":{\"k\":\"v\"}},\"n\":null},\"next\":\"x\"}"),
                Arguments.of("data.1.items", null, "{\"data\":[{\"items\":[9]},{\"items\":[{\"id\":1},{\"id\":2}]},{\"items\":[8]}]}"),
                Arguments.of("items", "id", "{\"items\":[" + odd + "," + odd.replace("\"a\\\"b\"", "\"2\"") + "]}"),
                Arguments.of("items", null, "{\n  \"items\" : [\n    { \"id\" : 1,\n      \"name\" : \"pretty\\nprinted\" },\n    {\"id\":2}\n  ]\n}\n"),
                Arguments.of("items", null, "{\"items\":[]}"),
                Arguments.of("items", null, "{\"items\":null}"),
                Arguments.of("items", null, "{\"other\":[1]}"),
                Arguments.of("items", null, "{}"),
                Arguments.of("items", null, "{\"items\":{\"id\":1}}"),
                Arguments.of("items", null, "{\"items\":\"just a string\"}"),
                Arguments.of("items", null, "{\"items\":[1,\"a\",null,true,[1,[2]],{\"id\":1},{},[],1.5]}"),
                Arguments.of("items.0", null, "{\"items\":[{\"id\":1},{\"id\":2}]}"),
                Arguments.of("items.x", null, "{\"items\":[{\"id\":1}]}"),
                Arguments.of(null, null, "[{\"id\":1},{\"id\":2}]"),
                Arguments.of(null, null, "[]"),
                Arguments.of(null, null, "{\"total\":2,\"results\":[{\"id\":1},{\"id\":2}],\"next\":null}"),
                Arguments.of(null, null, "{\"data\":[{\"id\":\"d\"}],\"items\":[{\"id\":\"i\"}]}"),
                Arguments.of(null, null, "{\"items\":{\"not\":\"a list\"},\"data\":[{\"id\":1}]}"),
                Arguments.of(null, null, "{\"data\":{\"id\":1}}"),
                Arguments.of(null, null, "\"a string page\""),
                Arguments.of("_root", null, "[{\"id\":1},2]"),
                Arguments.of("_root", null, "{\"id\":1}"),
                Arguments.of("_object", "id", "{\"id\":1,\"items\":[]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":1},{\"name\":\"no id\"}]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":1},{\"id\":null}]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":1},{\"nested\":{\"id\":2}}]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":1},\"scalar\"]}"),
                Arguments.of("items", "0", "{\"items\":[[\"a\",1],[\"b\",2]]}"),
                Arguments.of("items", "0", "{\"items\":[[\"a\",1],[null,2]]}"),
                Arguments.of("items", "attributes.id", "{\"items\":[{\"attributes\":{\"id\":1}},{\"attributes\":{\"id\":2}}]}"),
                Arguments.of("items", "attributes.id", "{\"items\":[{\"attributes\":{\"id\":1}},{\"attributes\":{}}]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":null,\"id\":1}]}"),
                Arguments.of("items", "id", "{\"items\":[{\"id\":1,\"id\":null}]}"),
                Arguments.of("items", null, "{\"items\":[{\"a\":1,\"a\":2}]}"),
                Arguments.of("items", null, "{\"items\":[1],\"items\":[2,3]}"),
                Arguments.of("items", null, "{\"items\":[{\"id\":1}]} trailing"),
                Arguments.of("items", null, "{\"items\":[{\"id\":1},]}"),
                Arguments.of("items", null, "{\"items\":[{\"id\":1}"),
                Arguments.of("items", null, "not json"),
                Arguments.of("items", null, "{\"items\":[{\"a\":\"\\b\\f\\r\"},{\"b\":\"😀 and é and ẞ\"},{\"c\":-0},{\"c\":-10},{\"d\":[1, 2]},"
                        + "{\"e\":\"tab\there\"},{\"f\":\"\\u0041\"},{\"g\":1.0},{\"h\":[{\"i\":\"/\"}]},{\"j\":\"\u2028\"}]}"),
                Arguments.of("items", null, ""));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void streamingGivesWhatTheTreeGives(String position, String idPosition, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Object streamed = outcome(() -> reader.read(bytes, position, idPosition));
        Object tree = outcome(() -> reader.readAsTree(bytes, position, idPosition));
        assertThat(streamed).isEqualTo(tree);
        if (streamed instanceof Lines lines) {
            assertThat(lines.text().chars().filter(c -> c == '\n').count()).as("one line per object").isEqualTo(lines.count());
            for (String line : lines.text().lines().toList()) {
                JSON.readTree(line); // every line is JSON on its own
            }
            ParsedPage s = reader.read(bytes, position, idPosition);
            ParsedPage t = reader.readAsTree(bytes, position, idPosition);
            for (String path : List.of("next", "meta.total", "data.page.cursor", "data.page.items.1.id", "data.n", "items.0.id", "results.1", "data.0")) {
                assertThat(s.at(path)).as(path).isEqualTo(t.at(path));
            }
            assertThat(s.top().isObject()).isEqualTo(t.top().isObject());
        }
    }

    /** Pages of the usual shapes, which must not fall back to the tree reading (that would only be slow, not wrong). */
    static Stream<Arguments> usualPages() {
        List<Arguments> all = pages().toList();
        return Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 18, 28, 30).map(all::get);
    }

    @ParameterizedTest
    @MethodSource("usualPages")
    void usualPagesTakeTheStreamingPass(String position, String idPosition, String body) {
        assertThat(reader.read(body.getBytes(StandardCharsets.UTF_8), position, idPosition).streamed()).isTrue();
    }

    @Test
    void copiesObjectsAsCompactLinesWithoutTrees() {
        ParsedPage page = reader.read("{\"items\": [ {\"id\": 1, \"s\": \"\\u00e9\\/\"} ,\n {\"id\": 2} ], \"next\": \"/n\"}"
                .getBytes(StandardCharsets.UTF_8), "items", "id");
        assertThat(new String(page.lines(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1,\"s\":\"é/\"}\n{\"id\":2}\n");
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.streamed()).isTrue();
        assertThat(page.at("next").asString()).isEqualTo("/n");
    }

    @Test
    void oddBytesGiveWhatTheTreeGives() {
        byte[][] strings = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC3}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xFF}, {0x7F}, {0x01}};
        for (byte[] odd : strings) {
            byte[] head = "{\"items\":[{\"id\":1,\"s\":\"a".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "b\"},{\"id\":2}]}".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + odd.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(odd, 0, body, head.length, odd.length);
            System.arraycopy(tail, 0, body, head.length + odd.length, tail.length);
            assertThat(outcome(() -> reader.read(body, "items", "id"))).as(java.util.Arrays.toString(odd))
                    .isEqualTo(outcome(() -> reader.readAsTree(body, "items", "id")));
        }
    }

    @Test
    void namesTheObjectWithoutAnId() {
        assertThatThrownBy(() -> reader.read("{\"items\":[{\"id\":1},{\"id\":2},{\"x\":3}]}".getBytes(StandardCharsets.UTF_8), "items", "id"))
                .isInstanceOf(PageProblem.class).hasMessage("has object 2 without an id at 'id'");
    }

    private record Lines(String text, int count) {
    }

    private record Problem(String message) {
    }

    private static Object outcome(java.util.function.Supplier<ParsedPage> read) {
        try {
            ParsedPage page = read.get();
            return new Lines(new String(page.lines(), StandardCharsets.UTF_8), page.count());
        } catch (PageProblem e) {
            return new Problem(e.getMessage());
        }
    }
}
