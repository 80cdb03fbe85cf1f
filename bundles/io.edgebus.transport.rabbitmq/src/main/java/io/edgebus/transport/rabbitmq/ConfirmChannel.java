package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A publishing channel in confirm mode. Each publish gets a future, completed by the broker's
 * ack, nack or return; a channel shutdown fails all outstanding futures at once. Callers wait
 * outside the lock, so many threads share one channel and their confirms arrive batched.
 */
final class ConfirmChannel {

    /** One outstanding publish. */
    record Confirmation(long sequence, CompletableFuture<Void> future,
                        Map<Long, CompletableFuture<Void>> outstanding) {
        /** Stops tracking it, after the caller gave up waiting. */
        void forget() {
            outstanding.remove(sequence, future);
        }
    }

    private final Channel channel;
    private final String connectionName;
    private final ReentrantLock publishing = new ReentrantLock();
    /** Replaced on every channel shutdown: the recovered channel counts sequence numbers from 1 again. */
    private volatile ConcurrentSkipListMap<Long, CompletableFuture<Void>> outstanding = new ConcurrentSkipListMap<>();
    private volatile boolean discarded;

    private ConfirmChannel(Channel channel, String connectionName) {
        this.channel = channel;
        this.connectionName = connectionName;
    }

    static ConfirmChannel open(Connection connection, String connectionName) throws IOException {
        if (connection == null) {
            throw new IOException("not connected");
        }
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the connection has no free channel");
        }
        ConfirmChannel confirming = new ConfirmChannel(channel, connectionName);
        channel.confirmSelect();
        channel.addConfirmListener(confirming.new Confirms());
        channel.addReturnListener(confirming::returned);
        channel.addShutdownListener(confirming::channelDown);
        return confirming;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Publishes and returns at once; the confirmation completes later. Waits for the channel at
     * most until {@code deadlineNanos}: a publish stuck in a socket write (a broker that stopped
     * reading) must not hold every other dispatching thread past its timeout.
     */
    Confirmation publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties.Builder properties,
                         Map<String, Object> headers, byte[] body, long deadlineNanos) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (!lock(deadlineNanos)) {
            future.completeExceptionally(unavailable("the publishing channel stayed busy until the timeout"));
            return new Confirmation(-1, future, outstanding);
        }
        try {
            ConcurrentSkipListMap<Long, CompletableFuture<Void>> tracking = outstanding;
            long sequence = channel.getNextPublishSeqNo();
            headers.put(AmqpMessages.CONFIRMATION_ID, Long.toString(sequence));
            tracking.put(sequence, future);
            try {
                channel.basicPublish(exchange, routingKey, mandatory, properties.headers(headers).build(), body);
            } catch (IOException | RuntimeException e) {
                tracking.remove(sequence);
                future.completeExceptionally(new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                        "publishing to '" + exchange + "' failed: " + BrokerErrors.describe(e), e));
            }
            // The channel went down between taking the map and publishing: its shutdown may have
            // swept the map before this entry was in it, so nobody else would fail it.
            if (tracking != outstanding) {
                future.completeExceptionally(unavailable("the channel closed before the broker confirmed"));
            }
            return new Confirmation(sequence, future, tracking);
        } finally {
            publishing.unlock();
        }
    }

    private boolean lock(long deadlineNanos) {
        try {
            return publishing.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the channel; whatever is still unconfirmed fails as STOPPED. */
    void discard() {
        discarded = true;
        ChannelSlot.discard(channel);
    }

    private void returned(int replyCode, String replyText, String exchange, String routingKey,
                          AMQP.BasicProperties properties, byte[] body) {
        Object id = properties.getHeaders() == null ? null : properties.getHeaders().get(AmqpMessages.CONFIRMATION_ID);
        if (id == null) {
            return;
        }
        // The broker sends the return before the ack of the same publish: failing the future now
        // makes the ack that follows find nothing.
        CompletableFuture<Void> future = outstanding.remove(Long.parseLong(AmqpMessages.text(id)));
        if (future != null) {
            future.completeExceptionally(new EdgeBusException(Code.DISPATCH_REJECTED, "message "
                    + properties.getMessageId() + " could not be routed from exchange '" + exchange + "' (routing key '"
                    + routingKey + "'): " + replyText));
        }
    }

    private void channelDown(ShutdownSignalException cause) {
        ConcurrentSkipListMap<Long, CompletableFuture<Void>> lost = outstanding;
        outstanding = new ConcurrentSkipListMap<>();
        if (lost.isEmpty()) {
            return;
        }
        EdgeBusException failure = discarded
                ? new EdgeBusException(Code.STOPPED, connectionName + " closed before the broker confirmed")
                : unavailable("the channel closed before the broker confirmed: " + BrokerErrors.describe(cause));
        lost.values().forEach(future -> future.completeExceptionally(failure));
    }

    private EdgeBusException unavailable(String why) {
        return new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, connectionName + ": " + why);
    }

    private final class Confirms implements ConfirmListener {
        @Override
        public void handleAck(long sequence, boolean multiple) {
            settle(sequence, multiple, null);
        }

        @Override
        public void handleNack(long sequence, boolean multiple) {
            settle(sequence, multiple, new EdgeBusException(Code.DISPATCH_REJECTED,
                    connectionName + ": the broker refused the message (nack)"));
        }

        private void settle(long sequence, boolean multiple, EdgeBusException failure) {
            ConcurrentSkipListMap<Long, CompletableFuture<Void>> tracking = outstanding;
            if (multiple) {
                NavigableMap<Long, CompletableFuture<Void>> upTo = tracking.headMap(sequence, true);
                upTo.values().forEach(future -> complete(future, failure));
                upTo.clear();
            } else {
                CompletableFuture<Void> future = tracking.remove(sequence);
                if (future != null) {
                    complete(future, failure);
                }
            }
        }

        private void complete(CompletableFuture<Void> future, EdgeBusException failure) {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }
}
