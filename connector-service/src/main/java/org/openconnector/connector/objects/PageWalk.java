package org.openconnector.connector.objects;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One streaming pass over a page for {@link PageReader}: follows the results position (or finds the
 * auto-detected list), hands each result to the {@link ItemCopier}, and reads everything else of the
 * page into a small tree for paging. Throws {@link Fallback} for a shape it leaves to the tree reading.
 */
final class PageWalk {

    /** This page needs the tree reading (a shape the streaming pass does not cover). */
    static final class Fallback extends RuntimeException {
        Fallback() {
            super(null, null, false, false);
        }
    }

    private final JsonParser p;
    private final byte[] body;
    private final ItemCopier copier;
    private final JsonMapper json;
    private final ObjectReader subtree;
    private LineBuffer out;
    private int count;
    private int missingId = -1;
    private String[] captured;

    PageWalk(JsonParser p, byte[] body, ItemCopier copier, JsonMapper json, ObjectReader subtree) {
        this.p = p;
        this.body = body;
        this.copier = copier;
        this.json = json;
        this.subtree = subtree;
    }

    JsonNode root(String position) {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new Fallback();
        }
        boolean auto = position == null || position.isBlank();
        if (auto || position.equals("_root")) {
            if (t == JsonToken.START_ARRAY) {
                captureList(new String[0]);
                return json.createArrayNode();
            }
            if (!auto || t != JsonToken.START_OBJECT) {
                throw new Fallback();
            }
            return autoObject();
        }
        return at(position.split("\\."), 0);
    }

    /** A top-level object whose list is the first of items/results/result/data that is an array. */
    private JsonNode autoObject() {
        ObjectNode node = json.createObjectNode();
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.START_ARRAY && PageReader.AUTO_POSITIONS.contains(name)) {
                if (captured != null) {
                    throw new Fallback(); // several candidates: the tree reading picks by priority
                }
                captureList(new String[] {name});
            } else {
                node.set(name, value());
            }
        }
        if (captured == null) {
            throw new Fallback(); // no list: the tree reading says so in the same words as ever
        }
        return node;
    }

    /** The value at the current token, following {@code steps} from index {@code k}; results are captured, not kept. */
    private JsonNode at(String[] steps, int k) {
        JsonToken t = p.currentToken();
        if (k == steps.length) {
            if (captured != null) {
                throw new Fallback(); // the path matched twice (a duplicate key): the tree keeps the last
            }
            if (t == JsonToken.START_ARRAY) {
                captureList(steps);
            } else {
                captured = steps;
                if (t != JsonToken.VALUE_NULL) {
                    copy();
                }
            }
            return null;
        }
        if (t == JsonToken.START_OBJECT) {
            ObjectNode node = json.createObjectNode();
            for (t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                JsonNode child = name.equals(steps[k]) ? at(steps, k + 1) : value();
                node.set(name, child == null ? json.nullNode() : child);
            }
            return node;
        }
        if (t == JsonToken.START_ARRAY) {
            int wanted = PageReader.index(steps[k]);
            ArrayNode node = json.createArrayNode();
            int i = 0;
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                JsonNode child = i == wanted ? at(steps, k + 1) : value();
                node.add(child == null ? json.nullNode() : child);
            }
            return node;
        }
        return value();
    }

    /** The value at the current token as a tree (a part of the page that is not results). */
    private JsonNode value() {
        JsonNode node = subtree.readTree(p);
        return node == null ? json.nullNode() : node;
    }

    private void captureList(String[] path) {
        captured = path;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new Fallback();
            }
            copy();
        }
    }

    private void copy() {
        if (!p.currentToken().isStructStart()) {
            throw new Fallback(); // a list of plain values: rare, left to the tree reading
        }
        if (out == null) {
            out = new LineBuffer(body.length + 1);
        }
        if (!copier.copy(p, body, out) && missingId < 0) {
            missingId = count; // reported once the whole page is known to be JSON, as the tree reading does
        }
        count++;
    }

    ParsedPage finish(JsonNode skeleton) {
        if (missingId >= 0) {
            throw PageProblem.missingId(missingId, copier.idPosition());
        }
        byte[] ndjson = out == null ? new byte[0] : out.toArray();
        return new ParsedPage(ndjson, count, skeleton, captured, body, json);
    }
}
