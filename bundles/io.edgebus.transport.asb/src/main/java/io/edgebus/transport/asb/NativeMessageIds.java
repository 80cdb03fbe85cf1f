package io.edgebus.transport.asb;

import java.util.function.Supplier;
import org.apache.qpid.jms.JmsDestination;
import org.apache.qpid.jms.JmsSession;
import org.apache.qpid.jms.message.JmsMessageIDBuilder;
import org.apache.qpid.jms.policy.JmsMessageIDPolicy;

/**
 * Makes the AMQP message-id of each sent message its NServiceBus message id, as NServiceBus'
 * Azure Service Bus transport does (Service Bus duplicate detection and .NET endpoints read it
 * there). Qpid JMS asks its policy for an id during send(), on the sending thread; the dispatcher
 * names the id for that thread just before.
 */
final class NativeMessageIds implements JmsMessageIDPolicy {
    private final ThreadLocal<String> next = new ThreadLocal<>();

    /** Runs {@code send} with {@code messageId} as the id of the message it sends. */
    <T> T with(String messageId, Supplier<T> send) {
        next.set(messageId);
        try {
            return send.get();
        } finally {
            next.remove();
        }
    }

    @Override
    public JmsMessageIDPolicy copy() {
        return this;
    }

    @Override
    public JmsMessageIDBuilder getMessageIDBuilder(JmsSession session, JmsDestination destination) {
        return (producerId, sequence) -> {
            String id = next.get();
            return id != null ? id : producerId + "-" + sequence;
        };
    }
}
