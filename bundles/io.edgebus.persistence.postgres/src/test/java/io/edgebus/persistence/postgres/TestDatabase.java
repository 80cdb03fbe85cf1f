package io.edgebus.persistence.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/** The real PostgreSQL of the build machine; each test class works in a schema of its own and drops it. */
final class TestDatabase {
    static final String URL = System.getProperty("edgebus.test.jdbcUrl", "jdbc:postgresql://localhost:5432/test");
    static final String USER = System.getProperty("edgebus.test.user", "postgres");

    private TestDatabase() {
    }

    static String uniqueSchema(Class<?> testClass) {
        return ("it_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
    }

    /** Short enough that pg_stat_activity shows the whole application name. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Settings settings(String name, String schema) {
        return settings(name, schema, Duration.ofHours(168), Duration.ofHours(24), 500);
    }

    static Settings settings(String name, String schema, Duration retention, Duration errorRetryWindow, int batch) {
        return new Settings(name, URL, USER, "", schema, 4, Duration.ofSeconds(5), retention, errorRetryWindow,
                Duration.ofMinutes(10), batch);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long queryLong(String sql) throws SQLException {
        try (Connection c = connect()) {
            return queryLong(c, sql);
        }
    }
}
