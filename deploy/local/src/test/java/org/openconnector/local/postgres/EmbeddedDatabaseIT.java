package org.openconnector.local.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconnector.local.TestPorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform's PostgreSQL keeps what was committed across a restart, and commits durably. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dir;

    @Test
    void keepsDataBetweenStartsRunsDurablyAndStopsItsServer() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Path log = dir.resolve("logs/postgres.log");
        int port = TestPorts.free();

        ProcessHandle postmaster;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port, log, "openconnector", "openconnector", "s3cret'")) {
            postmaster = db.postmaster().orElseThrow();
            assertThat(postmaster.isAlive()).isTrue();
            try (Connection su = db.connect("postgres")) {
                assertThat(show(su, "fsync")).isEqualTo("on");
                assertThat(show(su, "synchronous_commit")).isEqualTo("on");
                assertThat(show(su, "full_page_writes")).isEqualTo("on");
            }
            try (Connection app = appConnection(port); Statement st = app.createStatement()) {
                st.execute("create table kept (id int primary key, note text)");
                st.execute("insert into kept values (1, 'survives a restart')");
            }
        }
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        // pg_ctl returns once postmaster.pid is gone; the process itself ends a moment later.
        await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());

        // Same data directory again: no initdb, the role and database are reused, the row is there.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port, log, "openconnector", "openconnector", "s3cret'");
             Connection app = appConnection(port); Statement st = app.createStatement();
             ResultSet rs = st.executeQuery("select note from kept where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives a restart");
            try (Connection su = db.connect("postgres")) {
                assertThat(show(su, "fsync")).isEqualTo("on");
            }
        }
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.readString(log)).contains("database system is ready to accept connections");
    }

    private static Connection appConnection(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/openconnector",
                "openconnector", "s3cret'");
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
