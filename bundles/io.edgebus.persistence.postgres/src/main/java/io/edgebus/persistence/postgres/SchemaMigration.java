package io.edgebus.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema at activation. Everything runs in one transaction under a
 * transaction-scoped advisory lock, so instances starting together migrate one after the other and the
 * later ones find the work done; PostgreSQL's transactional DDL leaves nothing half-applied on failure.
 * Versions are only ever appended: a released step is never edited.
 */
final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private record Step(int version, String description, List<String> statements) {
    }

    private static List<Step> steps(String s) {
        return List.of(new Step(1, "saga and outbox tables", List.of(
                // fillfactor leaves room in each page so state updates can be HOT (no index writes).
                "CREATE TABLE " + s + ".saga ("
                        + " id uuid PRIMARY KEY,"
                        + " saga_type text NOT NULL,"
                        + " correlation_value text NOT NULL,"
                        + " state jsonb NOT NULL,"
                        + " version bigint NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now(),"
                        + " updated_at timestamptz NOT NULL DEFAULT now(),"
                        + " CONSTRAINT saga_correlation UNIQUE (saga_type, correlation_value)"
                        + ") WITH (fillfactor = 80)",
                "CREATE TABLE " + s + ".outbox ("
                        + " endpoint text NOT NULL,"
                        + " message_id text NOT NULL,"
                        + " operations jsonb NOT NULL,"
                        + " dispatched boolean NOT NULL DEFAULT false,"
                        + " dispatched_at timestamptz,"
                        + " claimed_at timestamptz,"
                        + " created_at timestamptz NOT NULL DEFAULT now(),"
                        + " PRIMARY KEY (endpoint, message_id)"
                        + ")",
                // Partial indexes stay small: recovery scans only undispatched rows, cleanup only dispatched.
                "CREATE INDEX outbox_undispatched ON " + s + ".outbox (endpoint, created_at) WHERE NOT dispatched",
                "CREATE INDEX outbox_dispatched_at ON " + s + ".outbox (dispatched_at) WHERE dispatched")));
    }

    private SchemaMigration() {
    }

    /** The newest version this code knows. */
    static int latestVersion() {
        return steps("x").get(steps("x").size() - 1).version();
    }

    static void migrate(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, AdvisoryLocks.MIGRATION);
                lock.setInt(2, AdvisoryLocks.key(schema));
                lock.execute();
            }
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version ("
                    + " version int PRIMARY KEY, description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > latestVersion()) {
                throw new SQLException("schema " + schema + " is at version " + current
                        + ", newer than this bundle knows (" + latestVersion() + "); refusing to use it");
            }
            for (Step step : steps(schema)) {
                if (step.version() <= current) {
                    continue;
                }
                for (String sql : step.statements()) {
                    st.execute(sql);
                }
                try (PreparedStatement done = c.prepareStatement(
                        "INSERT INTO " + schema + ".schema_version (version, description) VALUES (?, ?)")) {
                    done.setInt(1, step.version());
                    done.setString(2, step.description());
                    done.executeUpdate();
                }
                LOG.info("schema {}: applied version {} ({})", schema, step.version(), step.description());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
