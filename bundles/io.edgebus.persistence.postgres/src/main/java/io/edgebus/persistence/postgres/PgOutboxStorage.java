package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.ConcurrencyException;
import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.OutboxStorage;
import io.edgebus.api.persistence.StorageSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Inbox and outbox in one table keyed by (endpoint, incoming message id). */
final class PgOutboxStorage implements OutboxStorage {
    private final ConnectionPool pool;
    private final String find;
    private final String store;
    private final String markDispatched;
    private final String claim;

    PgOutboxStorage(ConnectionPool pool, String schema) {
        this.pool = pool;
        String t = schema + ".outbox";
        find = "SELECT operations::text, dispatched FROM " + t + " WHERE endpoint = ? AND message_id = ?";
        // ON CONFLICT: a duplicate being handled concurrently waits for the first transaction, then inserts
        // nothing; that is reported as a conflict, and the retry finds the record and skips the message.
        store = "INSERT INTO " + t + " (endpoint, message_id, operations, dispatched, dispatched_at)"
                + " VALUES (?, ?, ?::jsonb, ?, CASE WHEN ? THEN now() END) ON CONFLICT DO NOTHING";
        // Dispatched operations are dropped: only the id is needed for deduplication from now on, and
        // bodies would otherwise fill the device's disk until cleanup.
        markDispatched = "UPDATE " + t + " SET dispatched = true, dispatched_at = now(), operations = '[]'"
                + " WHERE endpoint = ? AND message_id = ? AND NOT dispatched";
        // SKIP LOCKED: concurrent claimers pass over each other's rows instead of waiting; claimed_at makes
        // the claim outlast this short transaction, so a later claimer skips the rows too until it expires.
        claim = "UPDATE " + t + " o SET claimed_at = now() FROM ("
                + " SELECT endpoint, message_id FROM " + t
                + " WHERE endpoint = ? AND NOT dispatched AND coalesce(claimed_at, created_at) < now() - ?::interval"
                + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) c"
                + " WHERE o.endpoint = c.endpoint AND o.message_id = c.message_id"
                + " RETURNING o.message_id, o.operations::text, o.created_at";
    }

    @Override
    public Optional<OutboxRecord> find(StorageSession session, String endpoint, String incomingMessageId) {
        try (PreparedStatement ps = PgSagaStorage.connection(session).prepareStatement(find)) {
            ps.setString(1, endpoint);
            ps.setString(2, incomingMessageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OutboxRecord(endpoint, incomingMessageId,
                        OperationsJson.read(rs.getString(1)), rs.getBoolean(2)));
            }
        } catch (SQLException e) {
            throw StorageFailure.of("finding outbox record " + endpoint + "/" + incomingMessageId, e);
        }
    }

    @Override
    public void store(StorageSession session, OutboxRecord record) {
        try (PreparedStatement ps = PgSagaStorage.connection(session).prepareStatement(store)) {
            ps.setString(1, record.endpoint());
            ps.setString(2, record.incomingMessageId());
            ps.setString(3, OperationsJson.write(record.operations()));
            ps.setBoolean(4, record.dispatched());
            ps.setBoolean(5, record.dispatched());
            if (ps.executeUpdate() == 0) {
                throw new ConcurrencyException("incoming message " + record.incomingMessageId() + " of endpoint "
                        + record.endpoint() + " was processed already (its outbox record exists)");
            }
        } catch (SQLException e) {
            throw StorageFailure.of("storing outbox record " + record.endpoint() + "/" + record.incomingMessageId(), e);
        }
    }

    @Override
    public void markDispatched(String endpoint, String incomingMessageId) {
        Connection c = pool.borrow(true);
        try (PreparedStatement ps = c.prepareStatement(markDispatched)) {
            ps.setString(1, endpoint);
            ps.setString(2, incomingMessageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw StorageFailure.of("marking outbox record " + endpoint + "/" + incomingMessageId + " dispatched", e);
        } finally {
            pool.release(c);
        }
    }

    @Override
    public List<OutboxRecord> claimUndispatched(String endpoint, Duration olderThan, int max) {
        if (max < 1 || olderThan.isNegative()) {
            throw new IllegalArgumentException("max must be positive and olderThan not negative");
        }
        Connection c = pool.borrow(true);
        try (PreparedStatement ps = c.prepareStatement(claim)) {
            ps.setString(1, endpoint);
            ps.setString(2, olderThan.toMillis() + " milliseconds");
            ps.setInt(3, max);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime()));
                }
            }
            // RETURNING does not keep the subquery's order.
            rows.sort((a, b) -> Long.compare(a.created(), b.created()));
            List<OutboxRecord> records = new ArrayList<>(rows.size());
            for (Row r : rows) {
                records.add(new OutboxRecord(endpoint, r.messageId(), OperationsJson.read(r.operations()), false));
            }
            return records;
        } catch (SQLException e) {
            throw StorageFailure.of("claiming undispatched outbox records of " + endpoint, e);
        } finally {
            pool.release(c);
        }
    }

    private record Row(String messageId, String operations, long created) {
    }
}
