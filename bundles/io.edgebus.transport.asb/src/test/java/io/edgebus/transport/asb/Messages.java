package io.edgebus.transport.asb;

import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Outgoing messages for tests, with NServiceBus headers. */
final class Messages {
    private Messages() {
    }

    static OutgoingMessage send(String queue, String body) {
        return send(queue, body, null);
    }

    static OutgoingMessage send(String queue, String body, Duration delay) {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>();
        headers.put("NServiceBus.MessageId", id);
        headers.put("NServiceBus.MessageIntent", "Send");
        headers.put("NServiceBus.CorrelationId", id);
        headers.put("NServiceBus.ConversationId", UUID.randomUUID().toString());
        headers.put("NServiceBus.EnclosedMessageTypes", "Booth.Contracts.PlaceOrder");
        headers.put("NServiceBus.ContentType", "application/json");
        headers.put("NServiceBus.TimeSent", "2026-11-29 12:00:00:000000 Z");
        headers.put("$.diagnostics.hostid", "0f8fad5b-d9cb-469f-a165-70867728950e");
        return new OutgoingMessage(id, headers, body.getBytes(StandardCharsets.UTF_8), new Destination.Queue(queue), delay);
    }

    static OutgoingMessage publish(List<String> typeHierarchy, String body) {
        String id = UUID.randomUUID().toString();
        return new OutgoingMessage(id, Map.of("NServiceBus.MessageId", id, "NServiceBus.MessageIntent", "Publish",
                "NServiceBus.EnclosedMessageTypes", String.join(";", typeHierarchy)),
                body.getBytes(StandardCharsets.UTF_8), new Destination.Topic(typeHierarchy), null);
    }

    static String body(io.edgebus.api.transport.IncomingMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
