package io.edgebus.core.internal;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline contexts; plain holders. */
final class Contexts {
    private Contexts() {
    }

    record Receive(String endpointName, IncomingMessage message, String messageId,
                   Map<String, Object> attributes) implements ReceiveContext {
        Receive(String endpointName, IncomingMessage message, String messageId) {
            this(endpointName, message, messageId, new HashMap<>());
        }
    }

    record Invoke(ReceiveContext receive, Object message, MessageHandler<?> handler, MessageContext context)
            implements InvokeContext {
    }

    record Dispatch(String endpointName, List<OutgoingMessage> messages, Optional<ReceiveContext> incoming)
            implements DispatchContext {
    }
}
