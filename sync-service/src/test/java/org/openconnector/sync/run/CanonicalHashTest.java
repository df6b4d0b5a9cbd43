package org.openconnector.sync.run;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalHashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String hash(String json) {
        return CanonicalHash.of(JSON.readTree(json));
    }

    @Test
    void keyOrderDoesNotMatterAtAnyLevel() {
        assertThat(hash("{\"a\":1,\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":\"t\"}}"))
                .isEqualTo(hash("{\"b\":{\"y\":\"t\",\"x\":[1,{\"q\":2,\"p\":1}]},\"a\":1}"));
    }

    @Test
    void contentDoes() {
        String base = hash("{\"a\":1,\"b\":[1,2]}");
        assertThat(hash("{\"a\":2,\"b\":[1,2]}")).isNotEqualTo(base);
        assertThat(hash("{\"a\":1,\"b\":[2,1]}")).as("list order is content").isNotEqualTo(base);
        assertThat(hash("{\"a\":\"1\",\"b\":[1,2]}")).as("types are content").isNotEqualTo(base);
        assertThat(hash("{\"a\":1,\"b\":[1,2],\"c\":null}")).as("a null key is content").isNotEqualTo(base);
        assertThat(hash("{\"a\\\"\":1}")).isNotEqualTo(hash("{\"a\":1}"));
    }

    @Test
    void isSha256Hex() {
        assertThat(hash("{}")).hasSize(64).matches("[0-9a-f]+");
    }

    /**
     * The canonical text is the one earlier versions hashed (sorted keys, JSON escapes for quote,
     * backslash and control characters, UTF-8, numbers as Jackson prints them), so contracts written
     * by them stay "unchanged".
     */
    @Test
    void hashesTheCanonicalUtf8Text() throws Exception {
        String source = "{\"z\":[true,1.5,null,{\"b\":\"x\\\"y\\\\z\\n\",\"a\":-3}],\"é\":\"café ☕ 😀\",\"a\":{}}";
        String canonical = "{\"a\":{},\"z\":[true,1.5,null,{\"a\":-3,\"b\":\"x\\\"y\\\\z\\u000a\"}],\"é\":\"café ☕ 😀\"}";
        assertThat(CanonicalHash.canonical(JSON.readTree(source))).isEqualTo(canonical);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(hash(source)).isEqualTo(java.util.HexFormat.of().formatHex(digest));
    }

    @Test
    void aLargeObjectThenASmallOneHashAsOnTheirOwn() {
        String big = "{\"a\":\"" + "x".repeat(100_000) + "\"}";
        String small = hash("{\"a\":1}");
        hash(big);
        assertThat(hash("{\"a\":1}")).isEqualTo(small);
    }

    /** The fast path copies low bytes: U+0141 (low byte 'A') and U+0122 (low byte '"') must come out as themselves. */
    @Test
    void charactersWhoseLowByteLooksHarmlessOrLikeAQuoteStayThemselves() {
        assertThat(CanonicalHash.canonical(JSON.readTree("{\"a\":\"A\u0141\\\"\u0122\"}"))).isEqualTo("{\"a\":\"A\u0141\\\"\u0122\"}");
    }
}
