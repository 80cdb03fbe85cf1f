package io.edgebus.persistence.postgres;

import java.time.Duration;
import java.util.regex.Pattern;

/** The validated, immutable form of {@link PostgresConfig}; invalid values are rejected naming the field. */
record Settings(String name, String jdbcUrl, String username, String password, String schema, int poolSize,
                Duration connectionTimeout, Duration retention, Duration errorRetryWindow,
                Duration cleanupInterval, int cleanupBatchSize) {

    /** Unquoted PostgreSQL identifiers only: the schema name is written into SQL text. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    Settings {
        // PostgreSQL cuts application_name at 63 bytes; a longer name would hide which persistence a connection is.
        require(name != null && !name.isBlank() && name.length() <= 40, "persistence.name",
                "must not be blank nor longer than 40 characters");
        require(jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"), "jdbcUrl",
                "must start with jdbc:postgresql:");
        require(schema != null && IDENTIFIER.matcher(schema).matches(), "schema",
                "must be a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
        require(poolSize >= 1, "poolSize", "must be at least 1");
        require(connectionTimeout.toMillis() > 0, "connectionTimeoutSeconds", "must be positive");
        require(!errorRetryWindow.isNegative(), "errorRetryWindowHours", "must not be negative");
        require(retention.compareTo(errorRetryWindow) >= 0 && !retention.isZero(), "outboxRetentionHours",
                "(" + retention.toHours() + ") must be positive and not shorter than errorRetryWindowHours ("
                        + errorRetryWindow.toHours() + "): a message retried from the error queue after its "
                        + "dedup record was deleted would have its effects twice");
        require(cleanupInterval.toMillis() > 0, "cleanupIntervalSeconds", "must be positive");
        require(cleanupBatchSize >= 1, "cleanupBatchSize", "must be at least 1");
        password = password == null ? "" : password;
    }

    static Settings from(PostgresConfig c) {
        return new Settings(c.persistence_name(), c.jdbcUrl(), c.username(), c._password(), c.schema(),
                c.poolSize(), Duration.ofSeconds(c.connectionTimeoutSeconds()),
                Duration.ofHours(c.outboxRetentionHours()), Duration.ofHours(c.errorRetryWindowHours()),
                Duration.ofSeconds(c.cleanupIntervalSeconds()), c.cleanupBatchSize());
    }

    /** What pg_stat_activity shows for our connections, so operators (and tests) can find them. */
    String applicationName() {
        return "edgebus-persistence:" + name;
    }

    @Override
    public String toString() {
        return "Settings[name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username + ", schema=" + schema
                + ", poolSize=" + poolSize + ", retention=" + retention + ", errorRetryWindow=" + errorRetryWindow
                + ", cleanupInterval=" + cleanupInterval + ", cleanupBatchSize=" + cleanupBatchSize + "]";
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }
}
