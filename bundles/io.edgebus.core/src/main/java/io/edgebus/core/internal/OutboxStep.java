package io.edgebus.core.internal;

import io.edgebus.api.persistence.OutboxRecord;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.transport.OutgoingMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Exactly-once effects for one incoming message: handlers run inside one storage transaction with
 * their saga changes and the record of what they sent; the messages are dispatched only after that
 * commit. An incoming id that was processed before runs no handler again; what it sent is dispatched
 * again if it was not marked dispatched (a crash between commit and dispatch).
 */
final class OutboxStep {
    /** Runs the handlers in the given transaction and returns what they sent. */
    @FunctionalInterface
    interface Handling {
        List<OutgoingMessage> run(StorageSession storage) throws Exception;
    }

    private OutboxStep() {
    }

    /** Returns whether the handlers ran (false: a duplicate of a message processed before). */
    static boolean run(Persistence persistence, String endpoint, String messageId, Handling handling,
                       Consumer<List<OutgoingMessage>> dispatch) throws Exception {
        List<OutgoingMessage> toDispatch;
        boolean ran;
        try (StorageSession storage = persistence.open(endpoint)) {
            Optional<OutboxRecord> seen = persistence.outbox().find(storage, endpoint, messageId);
            if (seen.isPresent() && seen.get().dispatched()) {
                return false;
            }
            ran = seen.isEmpty();
            if (ran) {
                toDispatch = handling.run(storage);
                // Stored even when empty: it is also the inbox entry that makes a resent duplicate a no-op.
                persistence.outbox().store(storage, new OutboxRecord(endpoint, messageId, toDispatch, false));
                storage.commit();
            } else {
                toDispatch = seen.get().operations();
            }
        }
        if (!toDispatch.isEmpty()) {
            dispatch.accept(toDispatch);
        }
        persistence.outbox().markDispatched(endpoint, messageId);
        return ran;
    }
}
