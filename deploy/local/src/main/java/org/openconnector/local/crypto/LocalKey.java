package org.openconnector.local.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The AES-256 key that encrypts secrets at rest on the local platform. Generated once and kept
 * next to the data it protects ({@code .data/crypto}, owner-only permissions): losing it makes the
 * stored secrets unreadable, so it is wiped only together with the database ({@code --clean}).
 */
public final class LocalKey {

    public static final String KEY_ID = "local";

    private LocalKey() {
    }

    /** Base64 of 32 random bytes, read from {@code dir/local.key} or created there. */
    public static String loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve(KEY_ID + ".key");
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (Base64.getDecoder().decode(existing).length != 32) {
                throw new IllegalStateException(file + " does not hold a base64 32-byte key; restore it or run with --clean");
            }
            return existing;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);
        // Create with 0600 from the start so the key is never readable by others, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        return key;
    }
}
