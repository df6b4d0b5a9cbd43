package org.openconnector.connector.objects;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * Copies one object of a page into the lines. The parser walks the object's tokens without decoding
 * its strings, checking on the way that it has a non-null id at {@code idPosition} (as {@link JsonDots}
 * reads it); then the object's own bytes are copied when they already are exactly what writing its tree
 * would give ({@link CompactJson}), which is the usual case; otherwise (whitespace, floats, unusual
 * escapes) the object alone is read as a tree and written, as before.
 */
final class ItemCopier {

    private final String idPosition;
    private final boolean checked;
    private final String step;
    private final int stepIndex;
    private final boolean deep;
    private final JsonMapper json;
    private final ObjectReader subtree;
    private final boolean slicing;

    ItemCopier(String idPosition, JsonMapper json, ObjectReader subtree, boolean slicing) {
        boolean checked = idPosition != null && !idPosition.isBlank();
        String[] steps = checked ? idPosition.split("\\.") : new String[0];
        this.idPosition = idPosition;
        this.checked = checked;
        this.deep = steps.length > 1 || checked && steps.length == 0;
        this.step = steps.length == 1 ? steps[0] : null;
        this.stepIndex = step == null ? -1 : PageReader.index(step);
        this.json = json;
        this.subtree = subtree;
        this.slicing = slicing;
    }

    String idPosition() {
        return idPosition;
    }

    /**
     * Copies the object or array at the parser's current token (a scalar is the caller's business) and
     * a newline; false when its id is missing or null.
     */
    boolean copy(JsonParser p, byte[] body, LineBuffer out) {
        JsonToken t = p.currentToken();
        int start = (int) p.currentTokenLocation().getByteOffset();
        boolean object = t == JsonToken.START_OBJECT;
        boolean found = false;
        boolean pending = false;
        boolean floats = false;
        int index = 0;
        int depth = 1;
        while (depth > 0) {
            t = p.nextToken();
            if (t == null) {
                throw new IllegalStateException("unexpected end of page"); // the parser reports this first
            }
            if (depth == 1 && step != null) {
                if (object) {
                    if (t == JsonToken.PROPERTY_NAME) {
                        pending = step.equals(p.currentName());
                    } else if (pending) {
                        found = t != JsonToken.VALUE_NULL;
                        pending = false;
                    }
                } else if (t != JsonToken.END_ARRAY && index++ == stepIndex) {
                    found = t != JsonToken.VALUE_NULL;
                }
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                floats = true;
            }
        }
        int end = (int) p.currentLocation().getByteOffset();
        if (slicing && !deep && !floats && CompactJson.isCompact(body, start, end)) {
            out.append(body, start, end - start);
            out.append((byte) '\n');
            return !checked || found;
        }
        // Decoded as a string first, as the whole page used to be (a malformed byte becomes U+FFFD, as before).
        JsonNode item = subtree.readTree(new String(body, start, end - start, StandardCharsets.UTF_8));
        byte[] written = json.writeValueAsBytes(item);
        out.append(written, 0, written.length);
        out.append((byte) '\n');
        return !checked || has(item);
    }

    private boolean has(JsonNode item) {
        JsonNode id = JsonDots.at(item, idPosition);
        return id != null && !id.isNull();
    }
}
