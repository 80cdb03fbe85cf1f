package io.edgebus.api;

/** A messaging operation failed; {@link #code()} says how, for logs, REST and UI alike. */
public class EdgeBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Kinds of failure. */
    public enum Code {
        /** The broker could not be reached or did not confirm; retrying may succeed. */
        TRANSPORT_UNAVAILABLE,
        /** The broker refused the message (nack, missing queue, too large). */
        DISPATCH_REJECTED,
        /** The message could not be serialized or deserialized. */
        SERIALIZATION,
        /** No route, wrong intent or invalid options: a programming or configuration error. */
        INVALID_OPERATION,
        /** The endpoint is stopping or stopped. */
        STOPPED
    }

    private final Code code;

    public EdgeBusException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public EdgeBusException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
