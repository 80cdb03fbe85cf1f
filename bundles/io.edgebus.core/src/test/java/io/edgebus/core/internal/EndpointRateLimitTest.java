package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.core.internal.TestMessages.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auto rate limiting through the endpoint's receive loop (in-memory broker, 4 workers). */
class EndpointRateLimitTest {
    private static final String QUEUE = "Gauge";
    private final InMemoryTransport broker = new InMemoryTransport();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private volatile boolean failing = true;
    private volatile long workMillis = 10;
    private Endpoint endpoint;

    @AfterEach
    void stop() {
        failing = false;
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    private void start() {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<PlaceOrder>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) throws InterruptedException {
                max.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(workMillis);
                    if (failing) {
                        throw new IllegalStateException("database down");
                    }
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        });
        EndpointSettings settings = new EndpointSettings(QUEUE, "1", QUEUE, 4, new String[0], "error", 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2), false, 0, Duration.ofSeconds(1), 3);
        endpoint = new Endpoint(settings, broker, handlers, new Pipelines());
        endpoint.start();
    }

    private void enqueue(int n, String body) {
        for (int i = 0; i < n; i++) {
            String id = "m" + i + "-" + System.nanoTime();
            broker.queue(QUEUE).add(new IncomingMessage(id, Map.of(Headers.MESSAGE_ID, id,
                    Headers.ENCLOSED_MESSAGE_TYPES, PlaceOrder.class.getName()),
                    body.getBytes(StandardCharsets.UTF_8), false));
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void afterThreeFailuresInARowOneMessageAtATimeUntilOneSucceeds() throws Exception {
        start();
        enqueue(400, "{\"orderId\":\"1\"}");
        await("throttled", () -> endpoint.rateLimit().throttled());
        Thread.sleep(3 * workMillis); // attempts that started before the switch end
        max.set(running.get());
        Thread.sleep(300);
        assertEquals(1, max.get(), "one at a time while throttled");
        assertTrue(endpoint.consecutiveFailures() >= 3);

        failing = false;
        await("back to full concurrency", () -> !endpoint.rateLimit().throttled());
        assertEquals(0, endpoint.consecutiveFailures());
        max.set(running.get());
        Thread.sleep(200);
        assertTrue(max.get() > 1, "concurrency after recovery: " + max.get());
    }

    @Test
    void stoppingWhileThrottledReleasesTheWaitingWorkersAndLosesNothing() throws Exception {
        workMillis = 100;
        start();
        enqueue(40, "{\"orderId\":\"1\"}");
        await("throttled", () -> endpoint.rateLimit().throttled());
        long started = System.nanoTime();
        endpoint.stop();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 2000, "stop took " + millis + " ms");
        assertEquals(40, broker.queue("error").size() + broker.queue(QUEUE).size(),
                "each message failed into the error queue or is back in its queue");
        endpoint = null;
    }

    @Test
    void poisonMessagesDoNotCountAsFailures() throws Exception {
        start();
        enqueue(10, "{not json");
        await("all in the error queue", () -> broker.queue("error").size() == 10);
        assertFalse(endpoint.rateLimit().throttled());
        assertEquals(0, endpoint.consecutiveFailures());
    }
}
