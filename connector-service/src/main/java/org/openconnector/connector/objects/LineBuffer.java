package org.openconnector.connector.objects;

import java.util.Arrays;

/** A growing byte array for one page's lines, handed out without a final copy when it is full to the byte. */
final class LineBuffer {

    private byte[] bytes;
    private int size;

    LineBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 256)];
    }

    void append(byte[] from, int offset, int length) {
        ensure(length);
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    byte[] toArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
