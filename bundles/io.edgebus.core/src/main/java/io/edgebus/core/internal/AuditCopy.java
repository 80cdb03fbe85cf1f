package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The copy of a successfully processed message for the audit queue: original body and headers
 * (same message id) plus where and when it was processed, as NServiceBus' audit writes them.
 */
final class AuditCopy {
    private AuditCopy() {
    }

    static OutgoingMessage of(Map<String, String> incomingHeaders, String messageId, byte[] body, Instant started,
                              Instant ended, HostInfo host, String auditQueue) {
        Map<String, String> h = new HashMap<>(incomingHeaders.size() + 8);
        h.putAll(incomingHeaders);
        // The audit trail keeps the message even when the sender only cared for it a short while.
        h.remove(Headers.TIME_TO_BE_RECEIVED);
        h.put(Headers.MESSAGE_ID, messageId);
        h.put(Headers.PROCESSING_STARTED, WireTime.format(started));
        h.put(Headers.PROCESSING_ENDED, WireTime.format(ended));
        h.put(Headers.PROCESSING_ENDPOINT, host.endpointName());
        h.put(Headers.PROCESSING_MACHINE, host.machine());
        h.put(Headers.HOST_ID, host.hostId());
        h.put(Headers.HOST_DISPLAY_NAME, host.displayName());
        return new OutgoingMessage(messageId, h, body, new Destination.Queue(auditQueue), null);
    }
}
