package io.edgebus.transport.rabbitmq;

import io.edgebus.transport.support.EndpointThreads;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * the prefetch keeps the next ones ready. At concurrency 1 the client's consumer thread processes
 * each delivery itself: it delivers one at a time already, and handing every message to a single
 * worker only cost a thread wake-up per message (≈ one context switch each, measured).
 */
final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    private static final long WORKER_EXIT_GRACE_MS = 2_000;

    private final String queue;
    private final String connectionName;
    private final int prefetch;
    private final MessageProcessor processor;
    private final ThreadPoolExecutor workers;
    private final boolean inline;
    /** The consumer thread while it processes a delivery inline (concurrency 1), else null. */
    private volatile Thread inlineThread;
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
        this.inline = concurrency == 1;
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
            Delivery delivery = task instanceof Continuation continuation ? continuation.delivery() : (Delivery) task;
            if (delivery.settle()) {
                delivery.acks.nack(delivery.tag());
            }
            inFlight.remove(delivery);
        }
        workers.shutdown();
        int handedBack = 0;
        if (!awaitDrained(drainTimeout.toMillis())) {
            for (Delivery delivery : inFlight) {
                if (delivery.settle()) {
                    delivery.acks.nack(delivery.tag());
                    handedBack++;
                }
            }
            workers.shutdownNow();
            Thread processing = inlineThread;
            if (processing != null) {
                processing.interrupt(); // as shutdownNow() does to the workers
            }
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

    /** Waits for the workers, then for messages whose sends the broker has yet to confirm. */
    private boolean awaitDrained(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!awaitWorkers(millis)) {
            return false;
        }
        while (!inFlight.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
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
        Delivery delivery = new Delivery(acks, envelope, properties, body, this::process);
        // Registered first, whatever happens next: a multiple ack must never pass over it unsettled.
        acks.delivered(delivery.tag());
        if (stopping) {
            delivery.settle();
            acks.nack(delivery.tag());
            return;
        }
        inFlight.add(delivery);
        if (inline) {
            inlineThread = Thread.currentThread();
            try {
                delivery.run();
            } finally {
                inlineThread = null;
            }
            return;
        }
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
        if (!delivery.start()) {
            inFlight.remove(delivery);
            return;
        }
        if (delivery.acks.generation() != generation.get()) {
            // The channel it came on is gone and the broker has put it back: skip, not process twice.
            delivery.settle();
            delivery.acks.forget(delivery.tag());
            inFlight.remove(delivery);
            return;
        }
        CompletionStage<ProcessResult> outcome;
        try {
            // Returns once the handlers ran and their sends are on the wire; the broker's confirm
            // settles the message later, without this worker waiting for it.
            outcome = processor.processAsync(
                    AmqpMessages.incoming(delivery.envelope, delivery.properties, delivery.body),
                    task -> workers.execute(new Continuation(delivery, task)));
        } catch (RuntimeException | Error e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, failure) -> finish(delivery, result, failure));
    }

    /** Acks or hands back a processed message; may run on the broker connection's thread. */
    private void finish(Delivery delivery, ProcessResult result, Throwable failure) {
        try {
            if (failure != null) {
                if (delivery.isSettled()) {
                    // Handed back by stop() and interrupted: the failure is expected, the result unused.
                    LOG.debug("{}: abandoned message {} ended with {}", connectionName,
                            delivery.properties.getMessageId(), failure.toString());
                } else {
                    LOG.warn("{}: processing message {} failed; handing it back", connectionName,
                            delivery.properties.getMessageId(), failure);
                }
            }
            if (delivery.settle()) {
                if (failure == null && result == ProcessResult.ACK) {
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

    /** Follow-up work of a running delivery (see MessageProcessor#processAsync), on the worker pool. */
    private record Continuation(Delivery delivery, Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }
}
