package io.edgebus.core.internal;

import io.edgebus.api.MessageContext;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.persistence.StorageSession;
import io.edgebus.api.transport.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The handler's view of one incoming message; collects what it sends for batched dispatch. */
final class HandlerSession implements MessageContext {
    private final String endpointName;
    private final String messageId;
    private final Map<String, String> incoming;
    private final OutgoingFactory factory;
    private final List<OutgoingMessage> outgoing = new ArrayList<>();
    /** The message's storage transaction when the endpoint has one (outbox); sagas share it. */
    private volatile StorageSession storage;

    HandlerSession(String endpointName, String messageId, Map<String, String> incomingHeaders,
                   OutgoingFactory factory) {
        this.endpointName = endpointName;
        this.messageId = messageId;
        this.incoming = incomingHeaders;
        this.factory = factory;
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public Map<String, String> headers() {
        return incoming;
    }

    @Override
    public String endpointName() {
        return endpointName;
    }

    @Override
    public synchronized void send(Object message, SendOptions options) {
        outgoing.add(factory.send(message, options, incoming));
    }

    @Override
    public synchronized void publish(Object event, PublishOptions options) {
        outgoing.add(factory.publish(event, options, incoming));
    }

    @Override
    public synchronized void reply(Object message, SendOptions options) {
        outgoing.add(factory.reply(message, options, incoming));
    }

    StorageSession storage() {
        return storage;
    }

    void storage(StorageSession session) {
        this.storage = session;
    }

    synchronized int outgoingCount() {
        return outgoing.size();
    }

    /** What was sent after the first {@code from} messages (a saga's own sends, for its audit). */
    synchronized List<OutgoingMessage> outgoingSince(int from) {
        return new ArrayList<>(outgoing.subList(from, outgoing.size()));
    }

    synchronized List<OutgoingMessage> outgoing() {
        return new ArrayList<>(outgoing);
    }
}
