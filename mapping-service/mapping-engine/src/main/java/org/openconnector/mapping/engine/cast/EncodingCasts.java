package org.openconnector.mapping.engine.cast;

import org.unbescape.html.HtmlEscape;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Text encodings: url/urlDecode (PHP urlencode, space → '+'), rawurl/rawurlDecode (RFC 3986, space → %20),
 * html/htmlDecode (HTML 4 named entities), base64/base64Decode, json (encode to text), jsonToArray (parse text;
 * invalid JSON gives null, as in PHP) and utf8 (transliterate to ASCII).
 * Java differences: {@code json} writes standard JSON (PHP escapes '/' as '\/' and non-ASCII as \\u escapes);
 * {@code html} writes ' as &#39; (PHP &#039;); {@code utf8} strips accents and knows common ligatures and
 * symbols, writing '?' for anything else (iconv's table is larger); an invalid %-sequence or base64 text is an error.
 */
final class EncodingCasts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Map<Character, String> TRANSLIT = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('Æ', "AE"), Map.entry('ø', "o"), Map.entry('Ø', "O"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"), Map.entry('ł', "l"), Map.entry('Ł', "L"), Map.entry('đ', "d"),
            Map.entry('Đ', "D"), Map.entry('€', "EUR"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('‘', "'"),
            Map.entry('’', "'"), Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('…', "..."), Map.entry('\u00A0', " "));

    private EncodingCasts() {
    }

    static List<Cast> all() {
        return List.of(
                text("url", s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A")),
                text("urlDecode", s -> URLDecoder.decode(s, StandardCharsets.UTF_8)),
                text("rawurl", s -> URLEncoder.encode(s, StandardCharsets.UTF_8)
                        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~")),
                text("rawurlDecode", s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)),
                text("html", HtmlEscape::escapeHtml4),
                text("htmlDecode", HtmlEscape::unescapeHtml),
                text("base64", s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))),
                text("base64Decode", s -> new String(Base64.getDecoder().decode(s.replaceAll("\\s", "")), StandardCharsets.UTF_8)),
                text("utf8", EncodingCasts::ascii),
                Cast.simple("json", v -> F.stringNode(JSON.writeValueAsString(v))),
                Cast.simple("jsonToArray", EncodingCasts::jsonToArray));
    }

    private static Cast text(String type, java.util.function.UnaryOperator<String> body) {
        return Cast.simple(type, v -> F.stringNode(body.apply(Php.string(v))));
    }

    static JsonNode jsonToArray(JsonNode v) {
        if (v.isContainer()) {
            return v;
        }
        String text = HtmlEscape.unescapeHtml(Php.string(v));
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed == null || parsed.isMissingNode() ? F.nullNode() : parsed;
        } catch (JacksonException e) {
            return F.nullNode();
        }
    }

    static String ascii(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128) {
                out.append(c);
            } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            } else if (TRANSLIT.containsKey(c)) {
                out.append(TRANSLIT.get(c));
            } else if (!Character.isLowSurrogate(c)) {
                out.append('?');
            }
        }
        return out.toString();
    }
}
