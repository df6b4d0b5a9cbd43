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
        int i = start;
        while (i < end) {
            byte c = b[i++];
            if (c == '"') {
                // Inside a string: skip the plain run in a tight loop (signed bytes: < 0x20 also catches >= 0x80).
                while (true) {
                    if (i >= end) {
                        return false;
                    }
                    c = b[i++];
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        continue;
                    }
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        byte e = i < end ? b[i++] : 0;
                        if (e != '"' && e != '\\' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                            return false;
                        }
                    } else if (c >= 0 || (i = afterUtf8(b, i - 1, end)) < 0) {
                        return false; // a control character, or malformed / 4-byte UTF-8
                    }
                }
            } else if (c <= 0x20 || c == '-' && i < end && b[i] == '0') {
                return false; // whitespace, control or non-ASCII bytes outside strings, or -0
            }
        }
        return true;
    }

    /** The index after the well-formed 2- or 3-byte UTF-8 sequence at {@code i}, or -1 (4-byte forms are left to the writer). */
    private static int afterUtf8(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < end && cont(b[i + 1]) ? i + 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF && i + 2 < end && cont(b[i + 1]) && cont(b[i + 2])) {
            int second = b[i + 1] & 0xFF;
            if (c == 0xE0 && second < 0xA0 || c == 0xED && second >= 0xA0) {
                return -1; // overlong, or a UTF-16 surrogate
            }
            return i + 3;
        }
        return -1;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
