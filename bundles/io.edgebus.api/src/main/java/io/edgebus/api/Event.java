package io.edgebus.api;

/**
 * Marks a message that is published to every subscribing endpoint. Sending an {@link Event}
 * with {@code send} is refused.
 */
public interface Event {
}
