package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.ConcurrencyException;
import io.edgebus.api.persistence.SagaStorage;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.persistence.StoredSaga;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Sagas in one table, optimistic concurrency by a version column. */
final class PgSagaStorage implements SagaStorage {
    private final String find;
    private final String insert;
    private final String update;
    private final String currentVersion;
    private final String delete;

    PgSagaStorage(String schema) {
        String t = schema + ".saga";
        find = "SELECT id, state::text, version FROM " + t + " WHERE saga_type = ? AND correlation_value = ?";
        // ON CONFLICT keeps the transaction usable; a concurrent insert of the same saga waits for the other
        // transaction and then inserts nothing, which we report as a conflict.
        insert = "INSERT INTO " + t + " (id, saga_type, correlation_value, state, version)"
                + " VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING";
        // The jsonb comparison makes an unchanged state write nothing (no new row version, no WAL).
        update = "UPDATE " + t + " SET state = ?::jsonb, version = version + 1, updated_at = now()"
                + " WHERE id = ? AND version = ? AND state IS DISTINCT FROM ?::jsonb";
        currentVersion = "SELECT version FROM " + t + " WHERE id = ?";
        delete = "DELETE FROM " + t + " WHERE id = ? AND version = ?";
    }

    @Override
    public Optional<StoredSaga> find(StorageSession session, String sagaType, String correlationValue) {
        try (PreparedStatement ps = connection(session).prepareStatement(find)) {
            ps.setString(1, sagaType);
            ps.setString(2, correlationValue);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredSaga(rs.getObject(1, UUID.class), sagaType, correlationValue,
                        rs.getString(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw StorageFailure.of("finding saga " + sagaType + "/" + correlationValue, e);
        }
    }

    @Override
    public void insert(StorageSession session, StoredSaga saga) {
        try (PreparedStatement ps = connection(session).prepareStatement(insert)) {
            ps.setObject(1, saga.id());
            ps.setString(2, saga.sagaType());
            ps.setString(3, saga.correlationValue());
            ps.setString(4, saga.stateJson());
            ps.setLong(5, saga.version());
            if (ps.executeUpdate() == 0) {
                throw new ConcurrencyException("saga " + saga.sagaType() + " with correlation "
                        + saga.correlationValue() + " (or id " + saga.id() + ") exists already");
            }
        } catch (SQLException e) {
            throw StorageFailure.of("inserting saga " + saga.sagaType() + "/" + saga.correlationValue(), e);
        }
    }

    @Override
    public void update(StorageSession session, StoredSaga saga) {
        Connection c = connection(session);
        try {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                ps.setString(1, saga.stateJson());
                ps.setObject(2, saga.id());
                ps.setLong(3, saga.version());
                ps.setString(4, saga.stateJson());
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
            // Nothing updated: either the state was unchanged (fine, nothing to write) or the version moved.
            try (PreparedStatement ps = c.prepareStatement(currentVersion)) {
                ps.setObject(1, saga.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == saga.version()) {
                        return;
                    }
                }
            }
            throw conflict(saga, "updated");
        } catch (SQLException e) {
            throw StorageFailure.of("updating saga " + saga.sagaType() + "/" + saga.correlationValue(), e);
        }
    }

    @Override
    public void complete(StorageSession session, StoredSaga saga) {
        try (PreparedStatement ps = connection(session).prepareStatement(delete)) {
            ps.setObject(1, saga.id());
            ps.setLong(2, saga.version());
            if (ps.executeUpdate() == 0) {
                throw conflict(saga, "completed");
            }
        } catch (SQLException e) {
            throw StorageFailure.of("completing saga " + saga.sagaType() + "/" + saga.correlationValue(), e);
        }
    }

    private static ConcurrencyException conflict(StoredSaga saga, String what) {
        return new ConcurrencyException("saga " + saga.sagaType() + "/" + saga.correlationValue() + " was "
                + what + " by another message since version " + saga.version() + " was read");
    }

    static Connection connection(StorageSession session) {
        if (session instanceof PgSession pg) {
            return pg.connection();
        }
        throw new IllegalArgumentException("not a session of the PostgreSQL persistence: " + session);
    }
}
