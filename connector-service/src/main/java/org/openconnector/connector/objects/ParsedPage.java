package org.openconnector.connector.objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;

/**
 * One page read: its objects as NDJSON lines ({@code count} of them, each ending in a newline) and
 * the rest of the page for paging. When the streaming pass left the results out of {@code rest}
 * ({@code captured} is their path), a lookup into them reads the whole body as a tree instead.
 */
final class ParsedPage {

    private final byte[] lines;
    private final int count;
    private final JsonNode rest;
    private final String[] captured;
    private final byte[] body;
    private final JsonMapper json;
    private JsonNode whole;

    ParsedPage(byte[] lines, int count, JsonNode rest, String[] captured, byte[] body, JsonMapper json) {
        this.lines = lines;
        this.count = count;
        this.rest = rest;
        this.captured = captured;
        this.body = body;
        this.json = json;
    }

    byte[] lines() {
        return lines;
    }

    int count() {
        return count;
    }

    /** The page's top-level node as a tree would show it for {@code isObject()}/{@code isArray()} checks. */
    JsonNode top() {
        return rest;
    }

    /** True when the streaming pass read this page (false: the whole-tree reading did). */
    boolean streamed() {
        return body != null;
    }

    /** The node at a dot path of the page, or null. */
    JsonNode at(String path) {
        if (captured != null) {
            String[] steps = path.split("\\.");
            if (steps.length >= captured.length && Arrays.equals(steps, 0, captured.length, captured, 0, captured.length)) {
                if (whole == null) {
                    whole = json.readTree(body);
                }
                return JsonDots.at(whole, path);
            }
        }
        return JsonDots.at(rest, path);
    }
}
