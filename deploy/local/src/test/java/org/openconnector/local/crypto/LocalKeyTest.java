package org.openconnector.local.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKeyTest {

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnly32ByteKeyOnceAndReusesIt() throws Exception {
        Path crypto = dir.resolve("crypto");
        String first = LocalKey.loadOrCreate(crypto);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crypto.resolve("local.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crypto))).isEqualTo("rwx------");
        assertThat(LocalKey.loadOrCreate(crypto)).isEqualTo(first);
        assertThat(LocalKey.loadOrCreate(dir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void refusesAKeyFileThatIsNotA32ByteKey() throws Exception {
        Path crypto = Files.createDirectories(dir.resolve("crypto"));
        Files.writeString(crypto.resolve("local.key"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> LocalKey.loadOrCreate(crypto)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--clean");
    }
}
