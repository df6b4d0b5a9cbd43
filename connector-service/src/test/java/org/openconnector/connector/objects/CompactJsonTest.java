package org.openconnector.connector.objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which bytes are copied as they are (true) and which go through a tree (false). */
class CompactJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"o1\",\"n\":12,\"b\":true,\"z\":null,\"a\":[1,{}],\"s\":\"x y/z\"}|true",
            "{\"s\":\"q\\\"uote \\\\ \\n\\t\\r\\b\\f\"}|true",
            "{\"s\":\"é ẞ €\"}|true",
            "{\"n\":-10}|true",
            "{\"id\": 1}|false",
            "{\"id\":1 }|false",
            "{\"n\":-0}|false",
            "{\"s\":\"\\u0041\"}|false",
            "{\"s\":\"\\/\"}|false",
            "{\"s\":\"😀\"}|false",
            "{\"s\":\"tab\there\"}|false",
    })
    void compactMeansWhatJacksonWrites(String json, boolean compact) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(CompactJson.isCompact(bytes, 0, bytes.length)).isEqualTo(compact);
    }

    @ParameterizedTest
    @CsvSource({"C0 80", "ED A0 80", "E0 80 80", "C3", "FF", "E2 82"})
    void malformedUtf8IsNeverCompact(String hex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length + 4];
        bytes[0] = '"';
        bytes[1] = 'a';
        for (int i = 0; i < parts.length; i++) {
            bytes[i + 2] = (byte) Integer.parseInt(parts[i], 16);
        }
        bytes[parts.length + 2] = 'b';
        bytes[parts.length + 3] = '"';
        assertThat(CompactJson.isCompact(bytes, 0, bytes.length)).isFalse();
    }
}
