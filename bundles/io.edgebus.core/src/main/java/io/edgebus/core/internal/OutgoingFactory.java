package io.edgebus.core.internal;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.Headers;
import io.edgebus.api.MessageIntent;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a message object and options into an {@link OutgoingMessage} with every standard header. */
final class OutgoingFactory {
    static final String VERSION = "EdgeBus 0.1";

    private final HostInfo host;
    private final String localQueue;
    private final Supplier<JsonSerializer> serializer;
    private volatile Router router;

    OutgoingFactory(HostInfo host, String localQueue, Supplier<JsonSerializer> serializer, Router router) {
        this.host = host;
        this.localQueue = localQueue;
        this.serializer = serializer;
        this.router = router;
    }

    void router(Router next) {
        this.router = next;
    }

    /** A send or send-local; {@code incoming} is null outside a handler. */
    OutgoingMessage send(Object message, SendOptions options, Map<String, String> incoming) {
        requireMessage(message);
        if (MessageTypes.isEvent(message.getClass())) {
            throw invalid(message.getClass().getName() + " is an Event: publish it, don't send it");
        }
        String destination = options.routeToThisEndpoint() ? localQueue
                : options.destination() != null ? options.destination()
                : router.destinationFor(message.getClass()).orElseThrow(() -> invalid(
                        "no route for " + message.getClass().getName() + " in endpoint " + host.endpointName()
                                + ": add 'routes' = " + message.getClass().getName() + "=<Endpoint>"));
        return build(message, MessageIntent.Send, options.messageId(), options.headers(), incoming,
                new Destination.Queue(destination), delay(options));
    }

    OutgoingMessage reply(Object message, SendOptions options, Map<String, String> incoming) {
        requireMessage(message);
        if (options.destination() != null || options.routeToThisEndpoint()) {
            throw invalid("a reply goes to the sender's reply address; don't set a destination");
        }
        String replyTo = incoming.get(Headers.REPLY_TO_ADDRESS);
        if (replyTo == null || replyTo.isBlank()) {
            throw invalid("cannot reply: the incoming message has no " + Headers.REPLY_TO_ADDRESS);
        }
        return build(message, MessageIntent.Reply, options.messageId(), options.headers(), incoming,
                new Destination.Queue(replyTo), delay(options));
    }

    OutgoingMessage publish(Object message, PublishOptions options, Map<String, String> incoming) {
        requireMessage(message);
        if (MessageTypes.isCommand(message.getClass())) {
            throw invalid(message.getClass().getName() + " is a Command: send it, don't publish it");
        }
        return build(message, MessageIntent.Publish, options.messageId(), options.headers(), incoming,
                new Destination.Topic(MessageTypes.hierarchy(message.getClass())), null);
    }

    private OutgoingMessage build(Object message, MessageIntent intent, String requestedId,
                                  Map<String, String> extra, Map<String, String> incoming,
                                  Destination destination, Duration delay) {
        String id = requestedId != null ? requestedId : MessageIds.next();
        Instant now = Instant.now();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(Headers.MESSAGE_ID, id);
        h.put(Headers.MESSAGE_INTENT, intent.name());
        if (incoming != null) {
            String incomingId = incoming.get(Headers.MESSAGE_ID);
            h.put(Headers.CONVERSATION_ID, incoming.getOrDefault(Headers.CONVERSATION_ID, incomingId));
            h.put(Headers.CORRELATION_ID, incoming.getOrDefault(Headers.CORRELATION_ID, incomingId));
            h.put(Headers.RELATED_TO, incomingId);
        } else {
            h.put(Headers.CONVERSATION_ID, MessageIds.next());
            h.put(Headers.CORRELATION_ID, id);
        }
        h.put(Headers.REPLY_TO_ADDRESS, localQueue);
        h.put(Headers.CONTENT_TYPE, Headers.JSON);
        h.put(Headers.ENCLOSED_MESSAGE_TYPES, MessageTypes.enclosedTypes(message.getClass()));
        h.put(Headers.TIME_SENT, WireTime.format(now));
        h.put(Headers.ORIGINATING_ENDPOINT, host.endpointName());
        h.put(Headers.ORIGINATING_MACHINE, host.machine());
        h.put(Headers.ORIGINATING_HOST_ID, host.hostId());
        h.put(Headers.HOST_ID, host.hostId());
        h.put(Headers.HOST_DISPLAY_NAME, host.displayName());
        h.put(Headers.VERSION, VERSION);
        if (delay != null && !delay.isZero()) {
            h.put(Headers.IS_DEFERRED, "True");
            h.put(Headers.DELIVER_AT, WireTime.format(now.plus(delay)));
        }
        // Caller headers win: an ingress or bridge must be able to carry a conversation on.
        h.putAll(extra);
        if (h.get(Headers.MESSAGE_ID) == null || !h.get(Headers.MESSAGE_ID).equals(id)) {
            throw invalid("set the message id with options.messageId(), not as a header");
        }
        return new OutgoingMessage(id, h, serializer.get().serialize(message), destination, delay);
    }

    private static Duration delay(SendOptions options) {
        if (options.delay() != null) {
            return options.delay();
        }
        if (options.deliverAt() != null) {
            Duration d = Duration.between(Instant.now(), options.deliverAt());
            return d.isNegative() ? Duration.ZERO : d;
        }
        return null;
    }

    private static void requireMessage(Object message) {
        if (message == null) {
            throw invalid("message must not be null");
        }
    }

    private static EdgeBusException invalid(String text) {
        return new EdgeBusException(EdgeBusException.Code.INVALID_OPERATION, text);
    }
}
