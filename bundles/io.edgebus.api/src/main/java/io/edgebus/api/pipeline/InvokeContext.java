package io.edgebus.api.pipeline;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import org.osgi.annotation.versioning.ProviderType;

/** One handler about to handle one deserialized message. */
@ProviderType
public interface InvokeContext {
    ReceiveContext receive();

    /** The deserialized message. */
    Object message();

    MessageHandler<?> handler();

    /** The context the handler sees; messages sent through it are dispatched after all handlers. */
    MessageContext context();
}
