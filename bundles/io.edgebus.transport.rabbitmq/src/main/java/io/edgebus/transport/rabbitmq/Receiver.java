package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.ProcessResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the endpoint's queue on one channel with manual acks and hands deliveries to a fixed
 * pool of {@code concurrency} workers, so at most that many messages are processed at once while
 * the prefetch keeps the next ones ready.
 */
final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    private static final long WORKER_EXIT_GRACE_MS = 2_000;

    private final String queue;
    private final String connectionName;
    private final int prefetch;
    private final MessageProcessor processor;
    private final ThreadPoolExecutor workers;
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    /** Bumped whenever the channel goes down: deliveries from before can no longer be acked. */
    private final AtomicLong generation = new AtomicLong();
    private final Object channelLock = new Object();
    private Channel channel; // guarded by channelLock
    private String consumerTag; // guarded by channelLock
    private volatile boolean stopping;

    Receiver(String queue, String connectionName, int concurrency, int prefetch, MessageProcessor processor,
             EndpointThreads threads) {
        this.queue = queue;
        this.connectionName = connectionName;
        this.prefetch = prefetch;
        this.processor = processor;
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads.factory("worker"));
    }

    /**
     * Starts consuming on {@code connection} unless a consumer is already running there (the
     * client re-creates it after a reconnect).
     */
    void ensureConsuming(Connection connection) throws IOException {
        synchronized (channelLock) {
            if (stopping || (channel != null && channel.isOpen() && consumerTag != null)) {
                return;
            }
            ChannelSlot.discard(channel);
            Channel opened = connection.createChannel();
            if (opened == null) {
                throw new IOException("the connection has no free channel");
            }
            opened.addShutdownListener(this::channelDown);
            opened.basicQos(prefetch);
            channel = opened;
            consumerTag = opened.basicConsume(queue, false, new Deliveries(opened));
        }
    }

    /**
     * Stops consuming, waits up to {@code drainTimeout} for running messages, then hands back
     * those still running (their later result is ignored). Returns how many were handed back.
     */
    int stop(Duration drainTimeout) {
        stopping = true;
        cancelConsumer();
        List<Runnable> notStarted = new ArrayList<>();
        workers.getQueue().drainTo(notStarted);
        for (Runnable task : notStarted) {
            Delivery delivery = (Delivery) task;
            if (delivery.settle()) {
                delivery.acks.nack(delivery.tag());
            }
            inFlight.remove(delivery);
        }
        workers.shutdown();
        int handedBack = 0;
        if (!awaitWorkers(drainTimeout.toMillis())) {
            for (Delivery delivery : inFlight) {
                if (delivery.settle()) {
                    delivery.acks.nack(delivery.tag());
                    handedBack++;
                }
            }
            workers.shutdownNow();
            if (!awaitWorkers(WORKER_EXIT_GRACE_MS)) {
                LOG.warn("{}: {} message processor(s) ignored the interrupt and still run", connectionName,
                        workers.getActiveCount());
            }
        }
        synchronized (channelLock) {
            ChannelSlot.discard(channel);
            channel = null;
        }
        if (handedBack > 0) {
            LOG.info("{}: handed back {} message(s) still processing after {} ms", connectionName, handedBack,
                    drainTimeout.toMillis());
        }
        return handedBack;
    }

    private void cancelConsumer() {
        synchronized (channelLock) {
            if (channel == null || consumerTag == null) {
                return;
            }
            try {
                channel.basicCancel(consumerTag);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: cancelling the consumer failed: {}", connectionName, BrokerErrors.describe(e));
            }
            consumerTag = null;
        }
    }

    private boolean awaitWorkers(long millis) {
        try {
            return workers.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void channelDown(ShutdownSignalException cause) {
        generation.incrementAndGet();
    }

    private void received(ChannelAcks acks, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Delivery delivery = new Delivery(acks, envelope, properties, body);
        // Registered first, whatever happens next: a multiple ack must never pass over it unsettled.
        acks.delivered(delivery.tag());
        if (stopping) {
            delivery.settle();
            acks.nack(delivery.tag());
            return;
        }
        inFlight.add(delivery);
        try {
            workers.execute(delivery);
        } catch (RejectedExecutionException e) {
            inFlight.remove(delivery);
            if (delivery.settle()) {
                acks.nack(delivery.tag());
            }
        }
    }

    private void process(Delivery delivery) {
        try {
            if (!delivery.start()) {
                return;
            }
            if (delivery.acks.generation() != generation.get()) {
                // The channel it came on is gone and the broker has put it back: skip, not process twice.
                delivery.settle();
                delivery.acks.forget(delivery.tag());
                return;
            }
            ProcessResult result;
            try {
                result = processor.process(AmqpMessages.incoming(delivery.envelope, delivery.properties, delivery.body));
            } catch (RuntimeException | Error e) {
                if (delivery.isSettled()) {
                    // Handed back by stop() and interrupted: the failure is expected, the result unused.
                    LOG.debug("{}: abandoned message {} ended with {}", connectionName,
                            delivery.properties.getMessageId(), e.toString());
                } else {
                    LOG.warn("{}: processing message {} failed; handing it back", connectionName,
                            delivery.properties.getMessageId(), e);
                }
                result = ProcessResult.HAND_BACK;
            }
            if (delivery.settle()) {
                if (result == ProcessResult.ACK) {
                    delivery.acks.ack(delivery.tag());
                } else {
                    delivery.acks.nack(delivery.tag());
                }
            }
        } finally {
            inFlight.remove(delivery);
        }
    }

    private final class Deliveries extends DefaultConsumer {
        private ChannelAcks acks; // only the consumer thread uses it

        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            // The client recovers a lost channel in place (same object, tags from 1 again, this
            // consumer re-registered): deliveries after that belong to a fresh set of tags.
            long current = generation.get();
            if (acks == null || acks.generation() != current) {
                acks = new ChannelAcks(getChannel(), current, generation, channelLock, prefetch, connectionName);
            }
            received(acks, envelope, properties, body);
        }

        @Override
        public void handleCancel(String tag) {
            LOG.warn("{}: the broker cancelled the consumer of queue {} (deleted?)", connectionName, queue);
            synchronized (channelLock) {
                consumerTag = null;
            }
        }
    }

    /** A delivery on its way through the pool; exactly one party acks or nacks it. */
    private final class Delivery implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int SETTLED = 2;

        final ChannelAcks acks;
        final Envelope envelope;
        final AMQP.BasicProperties properties;
        final byte[] body;
        private int state = QUEUED; // guarded by this

        Delivery(ChannelAcks acks, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            this.acks = acks;
            this.envelope = envelope;
            this.properties = properties;
            this.body = body;
        }

        @Override
        public void run() {
            process(this);
        }

        long tag() {
            return envelope.getDeliveryTag();
        }

        synchronized boolean start() {
            if (state != QUEUED) {
                return false;
            }
            state = RUNNING;
            return true;
        }

        synchronized boolean isSettled() {
            return state == SETTLED;
        }

        /** True for the one caller that gets to ack or nack it. */
        synchronized boolean settle() {
            if (state == SETTLED) {
                return false;
            }
            state = SETTLED;
            return true;
        }
    }
}
