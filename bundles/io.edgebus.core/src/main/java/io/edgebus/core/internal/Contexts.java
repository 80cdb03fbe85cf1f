package io.edgebus.core.internal;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline contexts; plain holders. */
final class Contexts {
    private Contexts() {
    }

    /** {@code started}/{@code startedNanos}: when this attempt began, for audit and metrics. */
    record Receive(String endpointName, IncomingMessage message, String messageId,
                   Map<String, Object> attributes, Instant started, long startedNanos) implements ReceiveContext {
        Receive(String endpointName, IncomingMessage message, String messageId) {
            this(endpointName, message, messageId, new HashMap<>(), Instant.now(), System.nanoTime());
        }
    }

    record Invoke(ReceiveContext receive, Object message, MessageHandler<?> handler, MessageContext context)
            implements InvokeContext {
    }

    record Dispatch(String endpointName, List<OutgoingMessage> messages, Optional<ReceiveContext> incoming)
            implements DispatchContext {
    }
}
