package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends with confirmation: every message goes out with a JMS completion listener, which Qpid JMS
 * calls when the broker has settled the transfer (accepted, or refused). A batch uses one session,
 * so its order holds; it is validated whole before anything is sent.
 */
final class Dispatcher {
    private final AsbSettings settings;
    private final String connectionName;
    private final ConnectionSupervisor supervisor;
    private final Scheduling scheduling;
    private final SessionSlot[] slots;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    Dispatcher(AsbSettings settings, String connectionName, ConnectionSupervisor supervisor) {
        this.settings = settings;
        this.connectionName = connectionName;
        this.supervisor = supervisor;
        this.scheduling = Scheduling.forBroker(settings.isServiceBus());
        this.slots = new SessionSlot[settings.publisherSessions()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new SessionSlot();
        }
    }

    void dispatch(List<OutgoingMessage> messages) {
        CompletableFuture<Void> sent = dispatchAsync(messages);
        try {
            sent.get(settings.confirmTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, connectionName + ": the broker did not confirm within "
                    + settings.confirmTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "interrupted waiting for confirms", e);
        }
    }

    CompletableFuture<Void> dispatchAsync(List<OutgoingMessage> messages) {
        try {
            if (closed) {
                throw new EdgeBusException(Code.STOPPED, connectionName + " is closed");
            }
            messages.forEach(this::validate);
            if (messages.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
            List<CompletableFuture<Void>> confirms = send(messages, deadline);
            return CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .orTimeout(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .handle((ok, failure) -> {
                        if (failure != null) {
                            throw unwrap(failure);
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void close() {
        closed = true;
        for (SessionSlot slot : slots) {
            synchronized (slot) {
                slot.discard();
            }
        }
    }

    private List<CompletableFuture<Void>> send(List<OutgoingMessage> messages, long deadline) {
        Connection connection = supervisor.awaitConnected(deadline);
        long generation = supervisor.generation();
        SessionSlot slot = slots[Math.floorMod(next.getAndIncrement(), slots.length)];
        List<CompletableFuture<Void>> confirms = new ArrayList<>(messages.size());
        synchronized (slot) {
            try {
                slot.open(connection, generation);
                for (OutgoingMessage message : messages) {
                    confirms.add(sendOne(slot, message));
                }
            } catch (JMSException | RuntimeException e) {
                slot.discard();
                confirms.forEach(c -> c.cancel(false));
                supervisor.reportIfDead(connection, e);
                throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                        connectionName + ": sending failed: " + ConnectionSupervisor.describe(e), e);
            }
        }
        return confirms;
    }

    private CompletableFuture<Void> sendOne(SessionSlot slot, OutgoingMessage message) throws JMSException {
        Message out = JmsMessages.outgoing(slot.session, message);
        jakarta.jms.Destination destination;
        if (message.destination() instanceof Destination.Queue queue) {
            destination = slot.session.createQueue(queue.name());
        } else {
            Destination.Topic topic = (Destination.Topic) message.destination();
            out.setStringProperty(TopologyManager.TYPES_PROPERTY, ";" + String.join(";", topic.typeHierarchy()) + ";");
            destination = slot.session.createTopic(settings.topic());
        }
        scheduling.prepare(slot.producer, out, message.delay() == null ? 0 : message.delay().toMillis());
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message sent) {
                confirmed.complete(null);
            }

            @Override
            public void onException(Message failed, Exception e) {
                // A connection lost while the send was in flight is not a refusal: the caller may send again.
                Code code = ConnectionSupervisor.isConnectionLoss(e) || !supervisor.isConnected()
                        ? Code.TRANSPORT_UNAVAILABLE : Code.DISPATCH_REJECTED;
                confirmed.completeExceptionally(new EdgeBusException(code, connectionName
                        + ": the broker did not accept message " + message.messageId() + ": "
                        + ConnectionSupervisor.describe(e), e));
            }
        };
        JMSException refused = supervisor.messageIds().with(message.messageId(), () -> {
            try {
                slot.producer.send(destination, out, JmsMessages.deliveryMode(message), Message.DEFAULT_PRIORITY,
                        Message.DEFAULT_TIME_TO_LIVE, listener);
                return null;
            } catch (JMSException e) {
                return e;
            }
        });
        if (refused != null) {
            throw refused;
        }
        return confirmed;
    }

    private void validate(OutgoingMessage message) {
        long size = message.body() == null ? 0 : message.body().length;
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            size += header.getKey().length() + (header.getValue() == null ? 0 : header.getValue().length());
        }
        if (size > settings.maxMessageBytes()) {
            throw new EdgeBusException(Code.DISPATCH_REJECTED, "message " + message.messageId() + " is " + size
                    + " bytes with headers, more than the " + settings.maxMessageBytes() + " bytes the broker takes");
        }
    }

    private static EdgeBusException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof EdgeBusException e) {
            return e;
        }
        if (cause instanceof TimeoutException) {
            return new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "the broker did not confirm in time", cause);
        }
        return new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "sending failed: " + cause, cause);
    }

    /** One publishing session and its anonymous producer, valid for one connection. */
    private static final class SessionSlot {
        private Session session;
        private MessageProducer producer;
        private long generation = -1;

        void open(Connection connection, long current) throws JMSException {
            if (session != null && generation == current) {
                return;
            }
            discard();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
            generation = current;
        }

        void discard() {
            if (session != null) {
                try {
                    session.close();
                } catch (JMSException | RuntimeException e) {
                    // the connection is gone with it
                }
            }
            session = null;
            producer = null;
            generation = -1;
        }
    }
}
