package io.edgebus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends and publishes messages on behalf of one endpoint.
 *
 * <p>Outside a handler ({@link Bus}) each call returns once the broker has confirmed the message;
 * a failure throws {@link EdgeBusException} and the message may or may not have been stored by the
 * broker (at-least-once: retry with the same message id). Inside a handler
 * ({@link MessageContext}) calls only collect the messages: they are dispatched together after
 * every handler for the incoming message succeeded, and not at all if one failed.
 */
@ProviderType
public interface MessageSession {

    /** Sends a command to the endpoint its type is routed to by configuration. */
    default void send(Object message) {
        send(message, SendOptions.defaults());
    }

    /**
     * Sends a message. Refused with {@link IllegalArgumentException} for an {@link Event} and when
     * no destination is given and no route is configured for the type.
     */
    void send(Object message, SendOptions options);

    /** Sends a message to this endpoint's own queue. */
    default void sendLocal(Object message) {
        send(message, SendOptions.builder().routeToThisEndpoint().build());
    }

    /** Publishes an event to every endpoint subscribed to its type or one of its super types. */
    default void publish(Object event) {
        publish(event, PublishOptions.defaults());
    }

    /** Publishes an event. Refused with {@link IllegalArgumentException} for a {@link Command}. */
    void publish(Object event, PublishOptions options);
}
