package io.edgebus.core.internal;

/** The message should wait in the queue (its handler is being replaced), not count as a failure. */
final class HandBackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandBackException(String message) {
        super(message, null, false, false);
    }
}
