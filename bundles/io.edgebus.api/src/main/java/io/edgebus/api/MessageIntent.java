package io.edgebus.api;

/** Values of the {@link Headers#MESSAGE_INTENT} header, spelled as NServiceBus spells them. */
public enum MessageIntent {
    Send, Publish, Reply, Subscribe, Unsubscribe
}
