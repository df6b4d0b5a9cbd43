package org.openconnector.sync.run;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an NDJSON body's buffers into trees: each line is parsed once, straight from its bytes
 * ({@code readTree(byte[], off, len)}), instead of through the generic non-blocking tokenizer that
 * first buffers every object's tokens. One instance per stream (it keeps the unfinished last line).
 * A line longer than {@code maxLine} fails the stream, so one runaway object cannot take the heap.
 */
final class NdjsonLines {

    private final JsonMapper json;
    private final int maxLine;
    private byte[] scratch = new byte[0];
    private byte[] partial = new byte[0];
    private int partialLen;

    NdjsonLines(JsonMapper json, int maxLine) {
        this.json = json;
        this.maxLine = maxLine;
    }

    /** The complete lines of this buffer (with what earlier buffers left over), parsed; releases the buffer. */
    List<JsonNode> next(DataBuffer buffer) {
        // the network buffer's bytes go into one array kept for the stream (parsing copies what it keeps),
        // not into a new one per buffer: a 100,000-object run would otherwise allocate its whole body again
        int length;
        try {
            length = buffer.readableByteCount();
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, Math.min(2 * scratch.length, maxLine))];
            }
            buffer.read(scratch, 0, length);
        } finally {
            DataBufferUtils.release(buffer);
        }
        byte[] bytes = scratch;
        List<JsonNode> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (partialLen > 0) {
                append(bytes, start, i - start);
                parse(partial, 0, partialLen, out);
                partialLen = 0;
            } else {
                parse(bytes, start, i - start, out);
            }
            start = i + 1;
        }
        append(bytes, start, length - start);
        return out;
    }

    /** The last line when the body does not end with a newline. */
    List<JsonNode> rest() {
        List<JsonNode> out = new ArrayList<>(1);
        parse(partial, 0, partialLen, out);
        partialLen = 0;
        return out;
    }

    private void parse(byte[] bytes, int off, int len, List<JsonNode> out) {
        int end = off + len;
        while (end > off && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        if (end > off) {
            out.add(json.readTree(bytes, off, end - off));
        }
    }

    private void append(byte[] bytes, int off, int len) {
        if (len == 0) {
            return;
        }
        if (partialLen + len > maxLine) {
            throw new IllegalStateException("A source object is larger than " + maxLine + " bytes");
        }
        if (partialLen + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + len));
        }
        System.arraycopy(bytes, off, partial, partialLen, len);
        partialLen += len;
    }
}
