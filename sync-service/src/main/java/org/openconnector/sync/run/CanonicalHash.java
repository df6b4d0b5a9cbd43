package org.openconnector.sync.run;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 of an object's canonical JSON: object keys sorted at every level, so the hash depends on
 * the content only, not on the order in which a source happens to send keys. The canonical text is
 * written as UTF-8 bytes into a per-thread buffer and digested from there (no intermediate String);
 * the bytes are the same as those of {@link #canonical}, so hashes stored by earlier versions still match.
 */
public final class CanonicalHash {

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalHash() {
    }

    public static String of(JsonNode node) {
        State s = STATE.get();
        s.len = 0;
        s.write(node);
        s.digest.update(s.buf, 0, s.len);
        String hex = HEX.formatHex(s.digest.digest());
        if (s.buf.length > 1 << 16) {
            s.buf = new byte[1024]; // do not keep one huge object's buffer per thread for ever
        }
        return hex;
    }

    /** The canonical text itself (tests, diagnostics). */
    static String canonical(JsonNode node) {
        State s = new State();
        s.write(node);
        return new String(s.buf, 0, s.len, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly the low-byte copy wanted here
    private static final class State {
        private final MessageDigest digest;
        private byte[] buf = new byte[1024];
        private int len;

        State() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void write(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                ascii("null");
            } else if (node.isObject()) {
                String[] keys = node.propertyNames().toArray(String[]::new);
                Arrays.sort(keys);
                put('{');
                for (int i = 0; i < keys.length; i++) {
                    if (i > 0) {
                        put(',');
                    }
                    quote(keys[i]);
                    put(':');
                    write(node.get(keys[i]));
                }
                put('}');
            } else if (node.isArray()) {
                put('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        put(',');
                    }
                    write(node.get(i));
                }
                put(']');
            } else if (node.isString()) {
                quote(node.stringValue());
            } else {
                text(node.toString());
            }
        }

        private void quote(String s) {
            put('"');
            int n = s.length();
            ensure(n);
            // fast path: copy the chars' low bytes in one go (an array copy for Latin-1 strings), then check that
            // they needed no escaping and were ASCII; if one did, rewrite from there on the slow path
            s.getBytes(0, n, buf, len);
            int i = 0;
            while (i < n) {
                byte b = buf[len + i];
                if (b < 0x20 || b == '"' || b == '\\' || s.charAt(i) >= 0x80) { // a negative byte is >= 0x80 too
                    break;
                }
                i++;
            }
            len += i;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    put('\\');
                    put(c);
                } else if (c < 0x20) {
                    ascii(String.format("\\u%04x", (int) c));
                } else if (c < 0x80) {
                    put(c);
                } else {
                    // rare: encode the rest of the string at once (surrogate pairs need the whole string)
                    StringBuilder rest = new StringBuilder(s.length() - i);
                    for (int j = i; j < s.length(); j++) {
                        char d = s.charAt(j);
                        if (d == '"' || d == '\\') {
                            rest.append('\\').append(d);
                        } else if (d < 0x20) {
                            rest.append(String.format("\\u%04x", (int) d));
                        } else {
                            rest.append(d);
                        }
                    }
                    text(rest.toString());
                    break;
                }
            }
            put('"');
        }

        private void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        private void put(char c) {
            ensure(1);
            buf[len++] = (byte) c;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }
    }
}
