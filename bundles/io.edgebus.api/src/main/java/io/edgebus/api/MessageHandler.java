package io.edgebus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles messages of type {@code T} (and its sub types) for one endpoint.
 *
 * <p>Register it as an OSGi service with the property {@link Bus#ENDPOINT_PROPERTY} naming the
 * endpoint. While it is registered the endpoint subscribes to events of type {@code T}; when it is
 * unregistered the endpoint waits for its running invocations to end and unsubscribes. The message
 * type is read from the implementing class's type argument, so implement it with a concrete type
 * (not a lambda), or override {@link #messageType()}.
 *
 * <p>Throwing fails the message: nothing it sent is dispatched and recoverability retries it.
 */
@ConsumerType
public interface MessageHandler<T> {

    void handle(T message, MessageContext context) throws Exception;

    /** The handled type; {@code null} means: read it from the implementing class. */
    default Class<T> messageType() {
        return null;
    }
}
