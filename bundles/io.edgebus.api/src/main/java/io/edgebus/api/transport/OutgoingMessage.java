package io.edgebus.api.transport;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A message ready for the wire.
 *
 * @param messageId the id, also in the headers
 * @param headers all headers
 * @param body the serialized body
 * @param destination where it goes
 * @param delay how long the broker holds it back, or {@code null}
 */
public record OutgoingMessage(String messageId, Map<String, String> headers, byte[] body,
                              Destination destination, Duration delay) {
    public OutgoingMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(destination, "destination");
        headers = Map.copyOf(headers);
    }
}
