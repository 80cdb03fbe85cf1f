package io.edgebus.api.transport;

import java.util.Map;

/**
 * A message as the transport received it.
 *
 * @param nativeId the broker's id for it (used when the message-id header is missing)
 * @param headers headers as strings; never null
 * @param body the raw body
 * @param redelivered whether the broker delivered it before
 */
public record IncomingMessage(String nativeId, Map<String, String> headers, byte[] body, boolean redelivered) {
    public IncomingMessage {
        headers = Map.copyOf(headers);
    }
}
