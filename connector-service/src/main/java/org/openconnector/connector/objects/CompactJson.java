package org.openconnector.connector.objects;

import tools.jackson.databind.json.JsonMapper;


/**
 * Whether a stretch of a page's bytes (one well-formed JSON value without floats, as the parser has
 * just checked) is byte for byte what Jackson writes for its tree: no whitespace outside strings, no
 * {@code -0}, only the escapes Jackson itself writes ({@code \" \\ \b \f \n \r \t}), and characters
 * of the Basic Multilingual Plane in well-formed UTF-8 (no overlong forms, no surrogates). Anything
 * else is not "compact" and goes the slow, exact way.
 */
final class CompactJson {

    private CompactJson() {
    }

    /** True when the mapper writes plain UTF-8 without extra escapes, so copying compact bytes equals writing the tree. */
    static boolean writerAgrees(JsonMapper json) {
        String probe = "{\"a\":\"/é\\\\\\\"\\n\\t\\b\\f\\r\",\"n\":[-1,12345678901234567890,true,false,null],\"e\":{},\"l\":[]}";
        return probe.equals(json.writeValueAsString(json.readTree(probe)));
    }

    static boolean isCompact(byte[] b, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            int c = b[i] & 0xFF;
            if (inString) {
                if (c == '"') {
                    inString = false;
                } else if (c == '\\') {
                    int e = ++i < end ? b[i] : 0;
                    if (e != '"' && e != '\\' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                        return false;
                    }
                } else if (c < 0x20) {
                    return false;
                } else if (c >= 0x80) {
                    int n = utf8Length(b, i, end);
                    if (n < 0) {
                        return false;
                    }
                    i += n - 1;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c <= 0x20 || c >= 0x80 || c == '-' && i + 1 < end && b[i + 1] == '0') {
                return false;
            }
        }
        return !inString;
    }

    /** Length of the well-formed 2- or 3-byte UTF-8 sequence at {@code i}, or -1 (4-byte forms are left to the writer). */
    private static int utf8Length(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < end && cont(b[i + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF && i + 2 < end && cont(b[i + 1]) && cont(b[i + 2])) {
            int second = b[i + 1] & 0xFF;
            if (c == 0xE0 && second < 0xA0 || c == 0xED && second >= 0xA0) {
                return -1; // overlong, or a UTF-16 surrogate
            }
            return 3;
        }
        return -1;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
