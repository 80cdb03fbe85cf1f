package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.StorageSession;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on one pooled connection (autocommit off, READ COMMITTED). Handlers that unwrap the
 * connection work in the same transaction as the saga and outbox writes.
 */
final class PgSession implements StorageSession {
    private final ConnectionPool pool;
    private final String endpoint;
    private Connection connection;

    PgSession(ConnectionPool pool, String endpoint) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.connection = pool.borrow(false);
    }

    Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the storage session of " + endpoint + " is closed");
        }
        return connection;
    }

    @Override
    public void commit() {
        try {
            connection().commit();
        } catch (SQLException e) {
            throw StorageFailure.of("committing the transaction of " + endpoint, e);
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(connection())) {
            return type.cast(connection);
        }
        throw new IllegalArgumentException("a PostgreSQL storage session offers a java.sql.Connection, not " + type);
    }

    /** Rolls back whatever was not committed (a no-op on the server after commit) and returns the connection. */
    @Override
    public void close() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        connection = null;
        try {
            c.rollback();
        } catch (SQLException e) {
            // A broken connection rolls back on the server by itself; the pool discards it below.
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        } finally {
            pool.release(c);
        }
    }
}
