package io.edgebus.api.pipeline;

import io.edgebus.api.transport.IncomingMessage;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** One incoming message on its way through the receive stage. */
@ProviderType
public interface ReceiveContext {
    String endpointName();

    /** The message as received; headers are read-only. */
    IncomingMessage message();

    /** The message id: the header, or the broker's id when the header is missing. */
    String messageId();

    /**
     * State shared by the behaviours of this message (an open transaction, a stage timer).
     * Not shared between messages.
     */
    Map<String, Object> attributes();
}
