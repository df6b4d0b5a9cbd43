package org.openconnector.connector.objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page's body in a single streaming pass. The objects at the results position go into
 * NDJSON lines as the very bytes the source sent when those are already what writing the object's
 * tree would give (see {@link ItemCopier}), so no tree is built for an object only passed through;
 * everything else of the page (next links, cursors, totals) is read into a small tree for paging.
 * Pages this pass does not cover ({@code _object}, {@code _root} on a non-array, several candidate
 * lists, results that are not objects or arrays, a repeated key anywhere, trailing content, invalid
 * JSON) are read as a whole tree, which gives the same lines and the same errors as before;
 * {@link #readAsTree} is that reading, kept as the reference the tests compare against.
 */
final class PageReader {

    static final List<String> AUTO_POSITIONS = List.of("items", "results", "result", "data");

    private final JsonMapper json;
    private final ObjectReader strict;
    private final ObjectReader subtree;
    private final ObjectWriter lines;
    private final boolean slicing;

    PageReader(JsonMapper json) {
        this.json = json;
        // Parts of a page are read from the middle of it: what follows them is not "trailing".
        this.subtree = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A repeated key makes the pass give up (a tree keeps only the last value; copying would keep both).
        this.strict = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        // Lines are separated by the generator itself; the last one gets its newline in Out.finish().
        this.lines = json.writer().withRootValueSeparator("\n");
        this.slicing = CompactJson.writerAgrees(json);
    }

    /** The page's objects as NDJSON, or a {@link PageProblem} saying what is wrong with the page. */
    ParsedPage read(byte[] body, String resultsPosition, String idPosition) {
        if ("_object".equals(resultsPosition)) {
            return readAsTree(body, resultsPosition, idPosition);
        }
        try (JsonParser p = strict.createParser(body)) {
            Walk walk = new Walk(p, body, idPosition);
            JsonNode skeleton = walk.root(resultsPosition);
            if (p.nextToken() != null) {
                throw new Fallback();
            }
            return walk.finish(body, skeleton);
        } catch (Fallback | JacksonException e) {
            return readAsTree(body, resultsPosition, idPosition);
        }
    }

    /** The whole page as a tree, objects taken from it and written one by one: exact but slower. */
    ParsedPage readAsTree(byte[] body, String position, String idPosition) {
        JsonNode tree;
        try {
            // As a string, as it always was: a malformed UTF-8 byte becomes U+FFFD rather than failing the page.
            tree = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new PageProblem("is not JSON");
        }
        List<JsonNode> items = itemsOf(tree, position);
        Out out = new Out(lines);
        for (int i = 0; i < items.size(); i++) {
            if (idPosition != null && !idPosition.isBlank()) {
                JsonNode id = JsonDots.at(items.get(i), idPosition);
                if (id == null || id.isNull()) {
                    throw PageProblem.missingId(i, idPosition);
                }
            }
            out.gen.writeTree(items.get(i));
        }
        return new ParsedPage(out.finish(), items.size(), tree, null, null, json);
    }

    private static List<JsonNode> itemsOf(JsonNode body, String position) {
        JsonNode list;
        if (position == null || position.isBlank()) {
            list = body.isArray() ? body : AUTO_POSITIONS.stream().map(body::get).filter(n -> n != null && n.isArray()).findFirst()
                    .orElseThrow(() -> new PageProblem("has no list under items, results, result or data; set resultsPosition"));
        } else if (position.equals("_root")) {
            list = body;
        } else if (position.equals("_object")) {
            return List.of(body);
        } else {
            list = JsonDots.at(body, position);
        }
        List<JsonNode> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (list.isArray()) {
            list.forEach(out::add);
        } else {
            out.add(list);
        }
        return out;
    }

    /** Lines written by one generator into one growing buffer. */
    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        final JsonGenerator gen;

        Out(ObjectWriter writer) {
            gen = writer.createGenerator(bytes);
        }

        byte[] finish() {
            gen.close();
            if (bytes.size() > 0) {
                bytes.write('\n');
            }
            return bytes.toByteArray();
        }
    }

    /** This page needs the tree reading (a shape the streaming pass does not cover). */
    private static final class Fallback extends RuntimeException {
        Fallback() {
            super(null, null, false, false);
        }
    }

    /** One streaming pass over a page: results copied out, the rest kept as a tree. */
    private final class Walk {
        private final JsonParser p;
        private final byte[] body;
        private final ItemCopier copier;
        private LineBuffer out;
        private int count;
        private String[] captured;

        Walk(JsonParser p, byte[] body, String idPosition) {
            this.p = p;
            this.body = body;
            this.copier = new ItemCopier(idPosition, json, subtree, slicing);
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
                if (p.nextToken() == JsonToken.START_ARRAY && AUTO_POSITIONS.contains(name)) {
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
                int wanted = index(steps[k]);
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
            if (!copier.copy(p, body, out)) {
                throw PageProblem.missingId(count, copier.idPosition());
            }
            count++;
        }

        ParsedPage finish(byte[] body, JsonNode skeleton) {
            byte[] ndjson = out == null ? new byte[0] : out.toArray();
            return new ParsedPage(ndjson, count, skeleton, captured, body, json);
        }
    }

    /** An array index step as JsonDots reads it, or -1 when the step is not one. */
    static int index(String step) {
        if (step.isEmpty() || step.length() > 9 || !step.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(step);
    }
}
