package io.edgebus.core.internal;

/** The message can never be processed as it is (bad body, unknown type, missing header): no retries. */
final class PoisonMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoisonMessageException(String message) {
        super(message);
    }

    PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
