package io.edgebus.api.persistence;

import io.edgebus.api.transport.OutgoingMessage;
import java.util.List;

/**
 * What handling one incoming message produced: stored with the handler's state change, dispatched
 * after commit. Its presence marks the incoming id as processed (the inbox).
 */
public record OutboxRecord(String endpoint, String incomingMessageId, List<OutgoingMessage> operations,
                           boolean dispatched) {
    public OutboxRecord {
        operations = List.copyOf(operations);
    }
}
