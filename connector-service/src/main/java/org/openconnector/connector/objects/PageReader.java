package org.openconnector.connector.objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

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
            PageWalk walk = new PageWalk(p, body, new ItemCopier(idPosition, json, subtree, slicing), json, subtree);
            JsonNode skeleton = walk.root(resultsPosition);
            if (p.nextToken() != null) {
                throw new PageWalk.Fallback();
            }
            return walk.finish(skeleton);
        } catch (PageWalk.Fallback | JacksonException e) {
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

    /** An array index step as JsonDots reads it, or -1 when the step is not one. */
    static int index(String step) {
        if (step.isEmpty() || step.length() > 9 || !step.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(step);
    }
}
