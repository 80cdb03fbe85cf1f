package io.edgebus.api.pipeline;

import io.edgebus.api.transport.OutgoingMessage;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** A batch of outgoing messages about to be handed to the transport. */
@ProviderType
public interface DispatchContext {
    String endpointName();

    /** The messages; behaviours may replace entries (to add headers) or remove them. */
    List<OutgoingMessage> messages();

    /** The message being handled, when dispatching from a handler. */
    Optional<ReceiveContext> incoming();
}
