package io.edgebus.transport.asb;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.ProcessResult;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiving loop: a session in Qpid JMS' individual-acknowledge mode (peek-lock: each message
 * is settled on its own), one message at a time. ACK completes the message (AMQP accepted);
 * HAND_BACK abandons it (AMQP modified, delivery failed), which makes the broker count the delivery
 * and deliver it again. A message delivered more often than the limit goes to the error queue.
 */
final class ReceiveWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveWorker.class);
    private static final long POLL_MS = 250;

    /** What every worker of an endpoint shares. */
    record Context(String queue, String errorQueue, String connectionName, int maxDeliveryCount,
                   ConnectionSupervisor supervisor, Dispatcher dispatcher) {
    }

    private final Context context;
    private final MessageProcessor processor;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private final Object sessionLock = new Object();
    private Session session; // guarded by sessionLock
    private Message current; // guarded by sessionLock

    ReceiveWorker(Context context, MessageProcessor processor) {
        this.context = context;
        this.processor = processor;
    }

    void stop() {
        stopping = true;
    }

    /**
     * Hands back the message in progress (abandoned, so the broker counts the delivery), then closes
     * the session; true if there was one. Runs on the stopping thread while the worker may still be
     * in the processor: its later result is ignored.
     */
    boolean abandon() {
        abandoned = true;
        synchronized (sessionLock) {
            boolean busy = current != null;
            if (busy) {
                try {
                    current.setIntProperty(JmsMessages.ACK_TYPE, JmsMessages.MODIFIED_FAILED);
                    current.acknowledge();
                } catch (JMSException | RuntimeException e) {
                    LOG.debug("{}: abandoning failed ({}); closing the session releases it", context.connectionName(),
                            ConnectionSupervisor.describe(e));
                }
            }
            closeQuietly(session);
            return busy;
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            Connection connection;
            try {
                connection = context.supervisor().awaitConnected(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            } catch (EdgeBusException e) {
                if (e.code() == EdgeBusException.Code.STOPPED) {
                    return;
                }
                continue;
            }
            receiveOn(connection, context.supervisor().generation());
        }
    }

    private void receiveOn(Connection connection, long generation) {
        Session opened = null;
        try {
            opened = connection.createSession(false, JmsMessages.INDIVIDUAL_ACKNOWLEDGE);
            synchronized (sessionLock) {
                session = opened;
            }
            MessageConsumer consumer = opened.createConsumer(opened.createQueue(context.queue()));
            while (!stopping && context.supervisor().generation() == generation) {
                Message message = consumer.receive(POLL_MS);
                if (message != null) {
                    handle(message);
                }
            }
        } catch (JMSException | RuntimeException e) {
            if (!stopping) {
                LOG.debug("{}: receiving stopped: {}", context.connectionName(), ConnectionSupervisor.describe(e));
                context.supervisor().reportIfDead(connection, e);
                pause();
            }
        } finally {
            synchronized (sessionLock) {
                session = null;
                current = null;
            }
            closeQuietly(opened);
        }
    }

    private void handle(Message message) throws JMSException {
        synchronized (sessionLock) {
            current = message;
        }
        try {
            int deliveries = JmsMessages.deliveryCount(message);
            if (deliveries > context.maxDeliveryCount()) {
                deadLetter(message, deliveries);
                return;
            }
            IncomingMessage incoming = JmsMessages.incoming(message);
            if (deliveries > 1) {
                LOG.info("{}: message {} delivered again (delivery {} of at most {})", context.connectionName(),
                        incoming.nativeId(), deliveries, context.maxDeliveryCount());
            }
            settle(message, process(incoming), incoming.nativeId());
        } finally {
            synchronized (sessionLock) {
                current = null;
            }
        }
    }

    /** Runs the processor; its continuations run here, on this worker, under the same limit. */
    private ProcessResult process(IncomingMessage incoming) {
        BlockingQueue<Runnable> continuations = new LinkedBlockingQueue<>();
        CompletableFuture<ProcessResult> outcome;
        try {
            outcome = processor.processAsync(incoming, task -> {
                if (abandoned) {
                    throw new RejectedExecutionException("receiver stopped");
                }
                continuations.add(task);
            }).toCompletableFuture();
        } catch (RuntimeException | Error e) {
            LOG.warn("{}: processing message {} failed; handing it back", context.connectionName(), incoming.nativeId(), e);
            return ProcessResult.HAND_BACK;
        }
        try {
            while (!outcome.isDone() && !abandoned) {
                Runnable task = continuations.poll(10, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProcessResult.HAND_BACK;
        }
        if (abandoned) {
            return ProcessResult.HAND_BACK;
        }
        try {
            return outcome.join() == ProcessResult.ACK ? ProcessResult.ACK : ProcessResult.HAND_BACK;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            LOG.warn("{}: processing message {} failed; handing it back", context.connectionName(),
                    incoming.nativeId(), e.getCause() == null ? e : e.getCause());
            return ProcessResult.HAND_BACK;
        }
    }

    private void settle(Message message, ProcessResult result, String id) {
        if (abandoned) {
            return; // its session is closed: the broker delivers it again
        }
        try {
            if (result != ProcessResult.ACK) {
                message.setIntProperty(JmsMessages.ACK_TYPE, JmsMessages.MODIFIED_FAILED);
            }
            message.acknowledge();
        } catch (JMSException | RuntimeException e) {
            LOG.warn("{}: could not settle message {} ({}); the broker will deliver it again", context.connectionName(),
                    id, ConnectionSupervisor.describe(e));
        }
    }

    /** Moves a message that keeps coming back to the error queue, saying why, instead of looping. */
    private void deadLetter(Message message, int deliveries) throws JMSException {
        IncomingMessage incoming = JmsMessages.incoming(message);
        Map<String, String> headers = new HashMap<>(incoming.headers());
        String reason = "delivered " + deliveries + " times, more than the limit of " + context.maxDeliveryCount();
        headers.putAll(FailureHeaders.deliveryLimit(context.queue(), reason));
        try {
            context.dispatcher().dispatch(java.util.List.of(new io.edgebus.api.transport.OutgoingMessage(
                    incoming.nativeId(), headers, incoming.body(),
                    new io.edgebus.api.transport.Destination.Queue(context.errorQueue()), null)));
        } catch (RuntimeException e) {
            LOG.warn("{}: could not move message {} to {}: {}; handing it back", context.connectionName(),
                    incoming.nativeId(), context.errorQueue(), e.getMessage());
            settle(message, ProcessResult.HAND_BACK, incoming.nativeId());
            return;
        }
        LOG.error("{}: message {} {}: moved to {}", context.connectionName(), incoming.nativeId(), reason,
                context.errorQueue());
        settle(message, ProcessResult.ACK, incoming.nativeId());
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                // the connection may be gone with it
            }
        }
    }
}
