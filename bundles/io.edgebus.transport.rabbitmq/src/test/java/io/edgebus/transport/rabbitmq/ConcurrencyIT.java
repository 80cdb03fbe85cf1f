package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void processingNeverExceedsTheConcurrencyAndReachesItUnderLoad() {
        String queue = broker.queue("Busy");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        endpoint.dispatch(messages(queue, 200));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> done = ConcurrentHashMap.newKeySet();

        endpoint.startReceiving(4, message -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(5);
            running.decrementAndGet();
            done.add(message.nativeId());
            return ProcessResult.ACK;
        });

        Broker.await(() -> done.size() == 200, WAIT, "200 messages, got " + done.size());
        assertEquals(4, mostAtOnce.get());
        assertTrue(Threads.alive("edgebus-" + queue + "-worker-").size() <= 4);
    }

    @Test
    void theBrokerHandsOutConcurrencyTimesTheMultiplierAhead() throws Exception {
        String queue = broker.queue("Prefetch");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        endpoint.dispatch(messages(queue, 20));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();

        endpoint.startReceiving(2, message -> {
            started.incrementAndGet();
            await(release);
            return ProcessResult.ACK;
        });

        Broker.await(() -> started.get() == 2, WAIT, "two messages processing");
        // 2 processing + 4 waiting in the receiver = 6 of 20 taken; the broker keeps the other 14.
        Broker.await(() -> ready(queue) == 14, WAIT, "14 ready messages, have " + ready(queue));
        Thread.sleep(200);
        long stillReady = ready(queue);
        release.countDown();
        assertEquals(14, stillReady);
    }

    private long ready(String queue) {
        try {
            return broker.adminChannel().messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopReceivingHandsBackAMessageStillProcessingAndItIsRedeliveredLater() {
        String queue = broker.queue("Slow");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        CountDownLatch started = new CountDownLatch(1);
        endpoint.startReceiving(1, message -> {
            started.countDown();
            sleep(10_000);
            return ProcessResult.ACK;
        });
        endpoint.dispatch(List.of(Messages.send(queue, "slow")));
        await(started);

        long before = System.nanoTime();
        int handedBack = endpoint.stopReceiving(Duration.ofMillis(300));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertEquals(1, handedBack);
        assertTrue(tookMs < 3_000, "stopReceiving took " + tookMs + " ms");
        assertEquals(List.of(), Threads.alive("edgebus-" + queue + "-worker-"));
        Collector later = new Collector();
        endpoint.startReceiving(1, later);
        Collector.Received again = later.await(1, WAIT).get(0);
        assertEquals("slow", Messages.body(again.message()));
        assertTrue(again.message().redelivered());
    }

    @Test
    void stopReceivingLetsMessagesFinishWithinTheDrainTimeout() throws Exception {
        String queue = broker.queue("Drain");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        endpoint.startReceiving(1, message -> {
            started.countDown();
            sleep(300);
            finished.incrementAndGet();
            return ProcessResult.ACK;
        });
        endpoint.dispatch(List.of(Messages.send(queue, "quick enough")));
        await(started);

        assertEquals(0, endpoint.stopReceiving(Duration.ofSeconds(5)));

        assertEquals(1, finished.get());
        assertEquals(0, broker.adminChannel().messageCount(queue), "acked, not handed back");
    }

    private static List<OutgoingMessage> messages(String queue, int count) {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Messages.send(queue, "m" + i));
        }
        return messages;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
