package io.edgebus.api.transport;

/** Connection state of a {@link TransportEndpoint}. */
public enum TransportState {
    /** Not yet connected since open. */
    CONNECTING,
    CONNECTED,
    /** Connection lost; retrying with back-off, forever. */
    RECONNECTING,
    CLOSED
}
