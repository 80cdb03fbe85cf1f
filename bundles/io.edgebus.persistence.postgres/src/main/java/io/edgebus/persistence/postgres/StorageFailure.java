package io.edgebus.persistence.postgres;

import io.edgebus.api.persistence.ConcurrencyException;
import java.sql.SQLException;

/** A database error that is not a concurrency conflict; the message fails and is retried by recoverability. */
final class StorageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Serialization failures and deadlocks are conflicts between concurrent messages: retrying resolves
     * them, so they surface as {@link ConcurrencyException} like a version mismatch does.
     */
    static RuntimeException of(String what, SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            ConcurrencyException conflict = new ConcurrencyException(what + ": " + e.getMessage());
            conflict.initCause(e);
            return conflict;
        }
        return new StorageFailure(what + " failed: " + e.getMessage(), e);
    }
}
