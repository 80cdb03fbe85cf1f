package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.SendOptions;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.core.internal.TestMessages.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MessageProcessing.processAsync: settled by the send's confirmation, retries off the I/O thread. */
class AsyncProcessingTest {
    private final InMemoryTransport broker = new InMemoryTransport();
    private final List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger continuations = new AtomicInteger();
    private final Executor continuation = task -> {
        continuations.incrementAndGet();
        task.run();
    };
    private Endpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    /** A handler that sends one message on; its sends wait in {@link #sends} for the test to confirm. */
    private MessageProcessing relay(int immediateRetries, Pipelines pipelines) {
        broker.asyncDispatch = messages -> {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            sends.add(sent);
            return sent;
        };
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<PlaceOrder>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) {
                handled.incrementAndGet();
                context.send(message, SendOptions.builder().destination("Out").build());
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        });
        EndpointSettings settings = new EndpointSettings("Relay", "1", "Relay", 2, new String[0], "error",
                immediateRetries, Duration.ofSeconds(5), Duration.ofSeconds(2));
        endpoint = new Endpoint(settings, broker, handlers, pipelines);
        endpoint.start();
        return new MessageProcessing(endpoint);
    }

    private static IncomingMessage order(String id) {
        return new IncomingMessage(id, Map.of(Headers.MESSAGE_ID, id, Headers.ENCLOSED_MESSAGE_TYPES,
                PlaceOrder.class.getName()), ("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void theMessageIsSettledOnlyWhenItsSendIsConfirmed() throws Exception {
        CompletableFuture<ProcessResult> result = relay(0, new Pipelines()).processAsync(order("m1"), continuation)
                .toCompletableFuture();
        assertEquals(1, handled.get());
        assertEquals(1, sends.size());
        assertFalse(result.isDone(), "no ack before the broker confirmed the send");
        sends.get(0).complete(null);
        assertEquals(ProcessResult.ACK, result.get(1, TimeUnit.SECONDS));
        assertEquals(0, continuations.get());
    }

    @Test
    void aFailedSendIsRetriedOnTheContinuationNotOnTheConfirmingThread() throws Exception {
        CompletableFuture<ProcessResult> result = relay(1, new Pipelines()).processAsync(order("m2"), continuation)
                .toCompletableFuture();
        broker.asyncDispatch = null; // the retry sends synchronously (and succeeds)
        sends.get(0).completeExceptionally(new EdgeBusException(EdgeBusException.Code.TRANSPORT_UNAVAILABLE, "lost"));
        assertEquals(ProcessResult.ACK, result.get(5, TimeUnit.SECONDS));
        assertEquals(1, continuations.get());
        assertEquals(2, handled.get(), "one immediate retry ran the handler again");
        IncomingMessage relayed = broker.queue("Out").poll(1, TimeUnit.SECONDS);
        assertNotNull(relayed);
    }

    @Test
    void aFailedSendWithoutRetriesLeftGoesToTheErrorQueue() throws Exception {
        CompletableFuture<ProcessResult> result = relay(0, new Pipelines()).processAsync(order("m3"), continuation)
                .toCompletableFuture();
        broker.asyncDispatch = null;
        sends.get(0).completeExceptionally(new EdgeBusException(EdgeBusException.Code.DISPATCH_REJECTED, "nack"));
        assertEquals(ProcessResult.ACK, result.get(5, TimeUnit.SECONDS));
        IncomingMessage failed = broker.queue("error").poll(1, TimeUnit.SECONDS);
        assertNotNull(failed);
        assertEquals("m3", failed.headers().get(Headers.MESSAGE_ID));
        assertEquals(1, handled.get());
    }

    @Test
    void aStoppingTransportThatRejectsTheContinuationGetsTheMessageBack() throws Exception {
        CompletableFuture<ProcessResult> result = relay(3, new Pipelines()).processAsync(order("m4"), task -> {
            throw new RejectedExecutionException("stopping");
        }).toCompletableFuture();
        sends.get(0).completeExceptionally(new EdgeBusException(EdgeBusException.Code.TRANSPORT_UNAVAILABLE, "lost"));
        assertEquals(ProcessResult.HAND_BACK, result.get(1, TimeUnit.SECONDS));
    }

    @Test
    void withADispatchBehaviourTheMessageIsProcessedSynchronously() throws Exception {
        Pipelines pipelines = new Pipelines();
        AtomicInteger wrapped = new AtomicInteger();
        pipelines.dispatch.add((DispatchBehavior) (ctx, next) -> {
            wrapped.incrementAndGet();
            next.proceed();
        }, 0, 1);
        MessageProcessing processing = relay(0, pipelines);
        broker.asyncDispatch = null;
        CompletableFuture<ProcessResult> result = processing.processAsync(order("m5"), continuation)
                .toCompletableFuture();
        assertTrue(result.isDone());
        assertEquals(ProcessResult.ACK, result.get());
        assertEquals(1, wrapped.get(), "the behaviour saw the send");
        List<OutgoingMessage> none = List.of();
        assertEquals(none, List.copyOf(sends));
    }
}
