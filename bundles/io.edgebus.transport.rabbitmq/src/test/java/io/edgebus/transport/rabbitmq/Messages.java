package io.edgebus.transport.rabbitmq;

import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Outgoing messages for tests. */
final class Messages {
    private Messages() {
    }

    static OutgoingMessage send(String queue, String body) {
        return send(queue, body, null);
    }

    static OutgoingMessage send(String queue, String body, Duration delay) {
        String id = UUID.randomUUID().toString();
        return new OutgoingMessage(id, Map.of("NServiceBus.MessageId", id, "NServiceBus.MessageIntent", "Send"),
                body.getBytes(StandardCharsets.UTF_8), new Destination.Queue(queue), delay);
    }

    static OutgoingMessage publish(List<String> typeHierarchy, String body) {
        String id = UUID.randomUUID().toString();
        return new OutgoingMessage(id, Map.of("NServiceBus.MessageId", id, "NServiceBus.MessageIntent", "Publish",
                "NServiceBus.EnclosedMessageTypes", typeHierarchy.get(0)),
                body.getBytes(StandardCharsets.UTF_8), new Destination.Topic(typeHierarchy), null);
    }

    static String body(io.edgebus.api.transport.IncomingMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
