package io.edgebus.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Dispatch throughput against the plain client doing the same work (publish, wait for the
 * confirm) from the same number of threads. A benchmark, not a test: run it on purpose with
 * {@code -Dit.test=DispatchThroughputIT -Dedgebus.bench=true}.
 */
@EnabledIfSystemProperty(named = "edgebus.bench", matches = "true")
class DispatchThroughputIT {
    private static final long WARM_UP_MS = 1_000;
    private static final long MEASURE_MS = 4_000;
    private static final byte[] BODY = new byte[1024];
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void dispatchKeepsUpWithThePlainClient() throws Exception {
        String queue = broker.queue("Bench");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        try (Connection raw = new ConnectionFactory().newConnection("edgebus-bench-raw")) {
            for (int threads : new int[] {1, 4, 16, 32}) {
                double plain = rate(threads, () -> {
                    Channel channel = raw.createChannel();
                    channel.confirmSelect();
                    return () -> {
                        channel.basicPublish(queue, "", true, new AMQP.BasicProperties.Builder()
                                .messageId(UUID.randomUUID().toString()).deliveryMode(2)
                                .headers(Map.of("NServiceBus.MessageId", "x")).build(), BODY);
                        channel.waitForConfirmsOrDie(30_000);
                    };
                });
                broker.adminChannel().queuePurge(queue);
                double ours = rate(threads, () -> () -> endpoint.dispatch(List.of(message(queue))));
                broker.adminChannel().queuePurge(queue);
                System.out.printf("dispatch benchmark: %2d threads, 1 message per call: plain client %,8.0f msg/s,"
                        + " EdgeBus %,8.0f msg/s (%.0f %%)%n", threads, plain, ours, 100 * ours / plain);
            }
            double plainBatch = rate(4, () -> {
                Channel channel = raw.createChannel();
                channel.confirmSelect();
                return () -> {
                    for (int i = 0; i < 100; i++) {
                        channel.basicPublish(queue, "", true, new AMQP.BasicProperties.Builder()
                                .messageId(UUID.randomUUID().toString()).deliveryMode(2).build(), BODY);
                    }
                    channel.waitForConfirmsOrDie(30_000);
                }; }) * 100;
            broker.adminChannel().queuePurge(queue);
            double oursBatch = rate(4, () -> () -> {
                List<OutgoingMessage> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(message(queue));
                }
                endpoint.dispatch(batch);
            }) * 100;
            broker.adminChannel().queuePurge(queue);
            System.out.printf("dispatch benchmark:  4 threads, 100 messages per call: plain client %,8.0f msg/s,"
                    + " EdgeBus %,8.0f msg/s (%.0f %%)%n", plainBatch, oursBatch, 100 * oursBatch / plainBatch);
        }
    }

    private static OutgoingMessage message(String queue) {
        String id = UUID.randomUUID().toString();
        return new OutgoingMessage(id, Map.of("NServiceBus.MessageId", id), BODY, new Destination.Queue(queue), null);
    }

    /** Calls per second of {@code work} from {@code threads} threads, after a warm-up. */
    private static double rate(int threads, WorkFactory factory) throws Exception {
        AtomicLong calls = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MS);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(MEASURE_MS);
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Work work = factory.create();
            Thread thread = new Thread(() -> {
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        work.run();
                        if (now >= measureFrom) {
                            calls.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            thread.start();
        }
        done.await();
        if (!failures.isEmpty()) {
            throw new AssertionError("benchmark thread failed", failures.get(0));
        }
        return calls.get() * 1000.0 / MEASURE_MS;
    }

    private interface Work {
        void run() throws Exception;
    }

    private interface WorkFactory {
        Work create() throws Exception;
    }
}
