package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.SendOptions;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports a saga's change (created, updated, completed) as ServiceControl's SagaUpdatedMessage.
 * It is sent through the handler's context, so it leaves with the handler's other messages: in the
 * outbox transaction when there is one, and not at all when the message fails.
 */
final class SagaAudit {
    private SagaAudit() {
    }

    /** {@code sent}: what the saga's handler sent while handling this message. */
    static void report(MessageContext context, String auditQueue, String sagaId, String sagaType, String stateJson,
                       boolean isNew, boolean isCompleted, Instant started, List<OutgoingMessage> sent) {
        Map<String, String> in = context.headers();
        List<String> types = MessageTypes.parseEnclosed(in.get(Headers.ENCLOSED_MESSAGE_TYPES));
        PlatformMessages.SagaChangeInitiator initiator = new PlatformMessages.SagaChangeInitiator(
                context.messageId(), types.isEmpty() ? null : types.get(0), false, iso(in.get(Headers.TIME_SENT)),
                in.get(Headers.ORIGINATING_MACHINE), in.get(Headers.ORIGINATING_ENDPOINT),
                in.get(Headers.MESSAGE_INTENT));
        List<PlatformMessages.SagaChangeOutput> outputs = new ArrayList<>(sent.size());
        for (OutgoingMessage m : sent) {
            Map<String, String> h = m.headers();
            String destination = m.destination() instanceof Destination.Queue q ? q.name()
                    : ((Destination.Topic) m.destination()).typeHierarchy().get(0);
            List<String> outTypes = MessageTypes.parseEnclosed(h.get(Headers.ENCLOSED_MESSAGE_TYPES));
            outputs.add(new PlatformMessages.SagaChangeOutput(m.messageId(), outTypes.isEmpty() ? null : outTypes.get(0),
                    destination, iso(h.get(Headers.TIME_SENT)), h.get(Headers.MESSAGE_INTENT)));
        }
        context.send(new PlatformMessages.SagaUpdatedMessage(stateJson, sagaId, initiator, outputs,
                context.endpointName(), isNew, isCompleted, started.toString(), Instant.now().toString(), sagaType),
                SendOptions.builder().destination(auditQueue).build());
    }

    /** An NServiceBus header time as ISO 8601 (what .NET's JSON serializers read), or as it came. */
    private static String iso(String wireTime) {
        if (wireTime == null) {
            return null;
        }
        try {
            return WireTime.parse(wireTime).toString();
        } catch (RuntimeException e) {
            return wireTime;
        }
    }
}
