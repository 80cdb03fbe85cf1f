package io.edgebus.api.transport;

/** What the transport does with a message after processing. */
public enum ProcessResult {
    /** Remove it from the queue. */
    ACK,
    /** Leave it in the queue for redelivery. */
    HAND_BACK
}
