package io.edgebus.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a handler knows about the message it handles. Messages sent through it inherit the
 * conversation and correlation of the incoming message and are dispatched after all handlers
 * succeed.
 */
@ProviderType
public interface MessageContext extends MessageSession {

    /** The incoming message's id ({@link Headers#MESSAGE_ID}). */
    String messageId();

    /** The incoming message's headers, read-only. */
    Map<String, String> headers();

    /** Sends a message to the incoming message's {@link Headers#REPLY_TO_ADDRESS}. */
    default void reply(Object message) {
        reply(message, SendOptions.defaults());
    }

    /** Replies with options; a destination in the options is refused. */
    void reply(Object message, SendOptions options);

    /** The endpoint handling the message. */
    String endpointName();
}
