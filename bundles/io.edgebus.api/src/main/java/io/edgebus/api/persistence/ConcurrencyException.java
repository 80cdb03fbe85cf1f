package io.edgebus.api.persistence;

/** Another instance changed the same saga first; the message is retried. */
public class ConcurrencyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrencyException(String message) {
        super(message);
    }
}
