package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages settled later than their processing returns: MessageProcessor#processAsync and dispatchAsync. */
class AsyncReceiveIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    private static MessageProcessor async(BiFunction<IncomingMessage, Executor, CompletionStage<ProcessResult>> fn) {
        return new MessageProcessor() {
            @Override
            public ProcessResult process(IncomingMessage message) {
                throw new AssertionError("the transport calls processAsync");
            }

            @Override
            public CompletionStage<ProcessResult> processAsync(IncomingMessage message, Executor continuation) {
                return fn.apply(message, continuation);
            }
        };
    }

    private long ready(String queue) throws Exception {
        return broker.adminChannel().messageCount(queue);
    }

    private static List<OutgoingMessage> messages(String queue, int count) {
        List<OutgoingMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Messages.send(queue, "m" + i));
        }
        return list;
    }

    @Test
    void aRelayThatAcksOnTheConfirmMovesEveryMessageExactlyOnce() throws Exception {
        String in = broker.queue("AsyncIn");
        String out = broker.queue("AsyncOut");
        TransportEndpoint endpoint = broker.connectedEndpoint(in);
        endpoint.declareTopology(List.of(out));
        endpoint.dispatch(messages(in, 500));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        endpoint.startReceiving(4, async((message, continuation) -> {
            calls.incrementAndGet();
            seen.add(message.nativeId());
            return endpoint.dispatchAsync(List.of(Messages.send(out, Messages.body(message))))
                    .thenApply(ok -> ProcessResult.ACK);
        }));
        Broker.await(() -> seen.size() == 500, WAIT, "500 relayed, have " + seen.size());
        Broker.await(() -> readyQuietly(out) == 500, WAIT, "500 in the output queue");
        assertEquals(0, endpoint.stopReceiving(Duration.ofSeconds(5)));
        assertEquals(0, ready(in), "every original was acked, none handed back");
        assertEquals(500, calls.get(), "no redelivery");
    }

    @Test
    void aFailedOutcomeHandsTheMessageBackAndItComesAgain() throws Exception {
        String in = broker.queue("AsyncRetry");
        TransportEndpoint endpoint = broker.connectedEndpoint(in);
        endpoint.declareTopology(List.of());
        endpoint.dispatch(messages(in, 20));
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        endpoint.startReceiving(3, async((message, continuation) -> {
            CompletableFuture<ProcessResult> later = new CompletableFuture<>();
            String id = message.nativeId();
            // Completed from another thread, the way a confirm would complete it.
            CompletableFuture.runAsync(() -> {
                if (failedOnce.add(id)) {
                    later.completeExceptionally(new EdgeBusException(EdgeBusException.Code.DISPATCH_REJECTED, "nack"));
                } else {
                    acked.add(id);
                    later.complete(ProcessResult.ACK);
                }
            });
            return later;
        }));
        Broker.await(() -> acked.size() == 20, WAIT, "20 acked after one hand-back each, have " + acked.size());
        assertEquals(0, endpoint.stopReceiving(Duration.ofSeconds(5)));
        assertEquals(0, ready(in));
    }

    @Test
    void stopWaitsForUnsettledWorkThenHandsBackWhatIsStillOpen() throws Exception {
        String in = broker.queue("AsyncStop");
        TransportEndpoint endpoint = broker.connectedEndpoint(in);
        endpoint.declareTopology(List.of());
        endpoint.dispatch(messages(in, 2));
        List<CompletableFuture<ProcessResult>> open = new ArrayList<>();
        endpoint.startReceiving(2, async((message, continuation) -> {
            CompletableFuture<ProcessResult> later = new CompletableFuture<>();
            synchronized (open) {
                open.add(later);
            }
            return later;
        }));
        Broker.await(() -> {
            synchronized (open) {
                return open.size() == 2;
            }
        }, WAIT, "two messages processing");
        // One settles during the drain, the other never does.
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> open.get(0).complete(ProcessResult.ACK));
        long before = System.nanoTime();
        int handedBack = endpoint.stopReceiving(Duration.ofMillis(1_000));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertEquals(1, handedBack);
        assertTrue(tookMs >= 900, "waited for the unsettled one: " + tookMs + " ms");
        Broker.await(() -> readyQuietly(in) == 1, WAIT, "the handed-back message is in the queue again");
    }

    @Test
    void anUnroutableAsyncSendFailsItsStage() {
        String in = broker.queue("AsyncNoRoute");
        TransportEndpoint endpoint = broker.connectedEndpoint(in);
        endpoint.declareTopology(List.of());
        CompletableFuture<Void> sent = endpoint.dispatchAsync(
                List.of(Messages.send(broker.queue("Nowhere"), "x"))).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> sent.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof EdgeBusException, failure.toString());
    }

    private long readyQuietly(String queue) {
        try {
            return ready(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
