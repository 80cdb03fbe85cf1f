package io.edgebus.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes dispatched records older than the retention, in small batches (each its own short transaction,
 * so it never holds many locks or a long snapshot), by one instance at a time: the others find the
 * advisory lock taken and skip the round.
 */
final class OutboxCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxCleanup.class);

    /** What one round did. {@code ran} is false when another instance held the lock. */
    record Result(boolean ran, int deleted, int batches) {
    }

    private final ConnectionPool pool;
    private final String schema;
    private final Duration retention;
    private final int batchSize;
    private final String deleteBatch;

    OutboxCleanup(ConnectionPool pool, String schema, Duration retention, int batchSize) {
        this.pool = pool;
        this.schema = schema;
        this.retention = retention;
        this.batchSize = batchSize;
        String t = schema + ".outbox";
        deleteBatch = "DELETE FROM " + t + " o USING ("
                + " SELECT endpoint, message_id FROM " + t
                + " WHERE dispatched AND dispatched_at < now() - ?::interval LIMIT ? FOR UPDATE SKIP LOCKED) d"
                + " WHERE o.endpoint = d.endpoint AND o.message_id = d.message_id";
    }

    Result runOnce() {
        Connection c = pool.borrow(true);
        try {
            if (!lock(c, "SELECT pg_try_advisory_lock(?, ?)")) {
                LOG.debug("schema {}: outbox cleanup skipped, another instance is running it", schema);
                return new Result(false, 0, 0);
            }
            try {
                return deleteBatches(c);
            } finally {
                lock(c, "SELECT pg_advisory_unlock(?, ?)");
            }
        } catch (SQLException e) {
            throw StorageFailure.of("cleaning up the outbox of schema " + schema, e);
        } finally {
            pool.release(c);
        }
    }

    /** Run by the scheduler: a failure is logged and the next round tries again. */
    void runLogged() {
        try {
            Result r = runOnce();
            if (r.deleted() > 0) {
                LOG.info("schema {}: outbox cleanup deleted {} dispatched record(s) in {} batch(es)", schema,
                        r.deleted(), r.batches());
            }
        } catch (RuntimeException e) {
            LOG.warn("schema {}: outbox cleanup failed; retrying next round: {}", schema, e.toString());
        }
    }

    private Result deleteBatches(Connection c) throws SQLException {
        int deleted = 0;
        int batches = 0;
        try (PreparedStatement ps = c.prepareStatement(deleteBatch)) {
            ps.setString(1, retention.toMillis() + " milliseconds");
            ps.setInt(2, batchSize);
            while (!Thread.currentThread().isInterrupted()) {
                int n = ps.executeUpdate();
                if (n == 0) {
                    break;
                }
                deleted += n;
                batches++;
                if (n < batchSize) {
                    break;
                }
            }
        }
        return new Result(true, deleted, batches);
    }

    private boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, AdvisoryLocks.CLEANUP);
            ps.setInt(2, AdvisoryLocks.key(schema));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
