package org.openconnector.local.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The platform's PostgreSQL: zonky's embedded server, but with a data directory that survives
 * restarts and with durable commits. zonky turns {@code fsync} and {@code synchronous_commit} off
 * for tests; a platform that keeps a user's data must not (stack-notes P24).
 * As root, zonky runs initdb/postgres under {@code unshare -U} (stack-notes P16).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Path dataDir) {
        this.postgres = postgres;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts (initialising the data directory on first use) and makes sure the app database exists. */
    public static EmbeddedDatabase start(Path dataDir, int port, Path logFile, String database,
                                         String user, String password) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // Our own shutdown sequence stops PostgreSQL last, after the services; a second
                // hook of zonky's would race it and pull the database from under them.
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(postgres, port, dataDir);
        try {
            db.ensureDatabase(database, user, password);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public int port() {
        return port;
    }

    /**
     * The server process (pg_ctl detaches it, so it is not our child), from the first line of
     * {@code postmaster.pid}; lets the launcher notice when PostgreSQL dies under the services.
     */
    public Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A superuser connection to the given database (trust auth on localhost). */
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    private void ensureDatabase(String database, String user, String password) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                st.execute("create role " + quoteIdent(user) + " login password " + quoteLiteral(password));
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                st.execute("create database " + quoteIdent(database) + " owner " + quoteIdent(user));
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // DDL cannot take bind parameters; names come from our own settings, quoted all the same.
    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Fast shutdown (pg_ctl -m fast): open sessions are ended, committed data is safe. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
