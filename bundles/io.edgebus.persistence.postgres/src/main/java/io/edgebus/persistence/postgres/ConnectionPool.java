package io.edgebus.persistence.postgres;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few long-lived connections, opened on demand. Small on purpose: a handful of connections on an edge
 * device need no pool library. The driver is instantiated directly because {@code DriverManager} does not
 * see drivers of other bundles in OSGi.
 */
final class ConnectionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /** A connection idle longer than this is checked before use: the server or a firewall may have dropped it. */
    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Idle(Connection connection, long since) {
    }

    private final Driver driver = new org.postgresql.Driver();
    private final String url;
    private final Properties properties = new Properties();
    private final long timeoutMillis;
    private final Semaphore permits;
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    private final Set<Connection> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    ConnectionPool(Settings settings) {
        url = settings.jdbcUrl();
        properties.setProperty("user", settings.username());
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", settings.applicationName());
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, settings.connectionTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        timeoutMillis = settings.connectionTimeout().toMillis();
        permits = new Semaphore(settings.poolSize(), true);
    }

    /** A connection with autocommit as asked and READ COMMITTED; give it back with {@link #release}. */
    Connection borrow(boolean autoCommit) {
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StorageFailure("no free database connection within " + timeoutMillis + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("interrupted waiting for a database connection", e);
        }
        try {
            Connection c = takeIdle();
            if (c == null) {
                c = connect();
            }
            c.setAutoCommit(autoCommit);
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e instanceof RuntimeException re ? re : StorageFailure.of("connecting to " + url, (SQLException) e);
        }
    }

    /** Returns a connection; a broken one (or any after {@link #close}) is closed instead of reused. */
    void release(Connection c) {
        boolean keep;
        try {
            keep = !c.isClosed();
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (this) {
            if (keep && !closed) {
                idle.push(new Idle(c, System.nanoTime()));
            } else {
                open.remove(c);
                keep = false;
            }
        }
        if (!keep) {
            closeQuietly(c);
        }
        permits.release();
    }

    private Connection takeIdle() {
        while (true) {
            Idle candidate;
            synchronized (this) {
                if (closed) {
                    throw new StorageFailure("the persistence was closed", null);
                }
                candidate = idle.poll();
            }
            if (candidate == null) {
                return null;
            }
            if (System.nanoTime() - candidate.since() < VALIDATE_AFTER_IDLE_NANOS || isValid(candidate.connection())) {
                return candidate.connection();
            }
            synchronized (this) {
                open.remove(candidate.connection());
            }
            closeQuietly(candidate.connection());
        }
    }

    private Connection connect() throws SQLException {
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url);
        }
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        synchronized (this) {
            if (closed) {
                closeQuietly(c);
                throw new StorageFailure("the persistence was closed", null);
            }
            open.add(c);
        }
        return c;
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Closes idle connections now; waits up to the connection timeout for borrowed ones to come back,
     * then closes those too, so nothing stays open on the server.
     */
    @Override
    public void close() {
        Connection[] toClose;
        synchronized (this) {
            closed = true;
            toClose = idle.stream().map(Idle::connection).toArray(Connection[]::new);
            idle.clear();
            for (Connection c : toClose) {
                open.remove(c);
            }
        }
        for (Connection c : toClose) {
            closeQuietly(c);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (open.isEmpty()) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            toClose = open.toArray(Connection[]::new);
            open.clear();
        }
        if (toClose.length > 0) {
            LOG.warn("closing {} database connection(s) still in use", toClose.length);
        }
        for (Connection c : toClose) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
        }
    }
}
