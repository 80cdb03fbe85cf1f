package io.edgebus.api;

/**
 * Marks a message that is sent to exactly one endpoint. Sending a {@link Command} with
 * {@code publish} is refused. Messages that implement neither marker may be sent and published.
 */
public interface Command {
}
