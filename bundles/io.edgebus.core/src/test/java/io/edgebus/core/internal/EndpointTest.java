package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.ReceiveBehavior;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.core.internal.TestMessages.OrderEvent;
import io.edgebus.core.internal.TestMessages.OrderPlaced;
import io.edgebus.core.internal.TestMessages.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointTest {
    private final InMemoryTransport broker = new InMemoryTransport();
    private final List<Endpoint> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Endpoint::stop);
    }

    private Endpoint endpoint(String name, HandlerRegistry handlers, Pipelines pipelines, int immediateRetries) {
        EndpointSettings s = new EndpointSettings(name, "1", name, 2,
                new String[] {"io.edgebus.core.internal.TestMessages$PlaceOrder=Sales"}, "error",
                immediateRetries, Duration.ofSeconds(5), Duration.ofSeconds(2));
        Endpoint e = new Endpoint(s, broker, handlers, pipelines);
        e.start();
        started.add(e);
        return e;
    }

    static final class PlaceOrderHandler implements MessageHandler<PlaceOrder> {
        final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(PlaceOrder message, MessageContext context) {
            seen.add(context.headers());
            context.publish(new OrderPlaced(message.orderId()));
        }
    }

    static final class OrderEventHandler implements MessageHandler<OrderEvent> {
        final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void handle(OrderEvent message, MessageContext context) {
            seen.add(context.headers());
            ids.add(message.orderId());
        }
    }

    @Test
    void commandSentOutsideAHandlerStartsAConversationAndTheHandlersEventsContinueIt() throws Exception {
        HandlerRegistry salesHandlers = new HandlerRegistry();
        PlaceOrderHandler sales = new PlaceOrderHandler();
        salesHandlers.add(sales);
        endpoint("Sales", salesHandlers, new Pipelines(), 0);
        HandlerRegistry billingHandlers = new HandlerRegistry();
        OrderEventHandler billing = new OrderEventHandler();
        billingHandlers.add(billing);
        endpoint("Billing", billingHandlers, new Pipelines(), 0);
        Endpoint client = endpoint("ClientUI", new HandlerRegistry(), new Pipelines(), 0);

        client.send(new PlaceOrder("o-1"));

        await(() -> billing.ids.size() == 1);
        Map<String, String> command = sales.seen.get(0);
        Map<String, String> event = billing.seen.get(0);
        assertEquals(command.get(Headers.MESSAGE_ID), command.get(Headers.CORRELATION_ID));
        assertEquals("Send", command.get(Headers.MESSAGE_INTENT));
        assertEquals("ClientUI", command.get(Headers.ORIGINATING_ENDPOINT));
        assertEquals("ClientUI", command.get(Headers.REPLY_TO_ADDRESS));
        assertEquals(Headers.JSON, command.get(Headers.CONTENT_TYPE));
        assertEquals(PlaceOrder.class.getName(), command.get(Headers.ENCLOSED_MESSAGE_TYPES));
        assertTrue(command.get(Headers.TIME_SENT).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{6} Z"));
        assertEquals("clientui-1", command.get(Headers.HOST_DISPLAY_NAME));

        assertEquals("Publish", event.get(Headers.MESSAGE_INTENT));
        assertEquals(command.get(Headers.CONVERSATION_ID), event.get(Headers.CONVERSATION_ID));
        assertEquals(command.get(Headers.CORRELATION_ID), event.get(Headers.CORRELATION_ID));
        assertEquals(command.get(Headers.MESSAGE_ID), event.get(Headers.RELATED_TO));
        assertEquals("Sales", event.get(Headers.ORIGINATING_ENDPOINT));
        assertEquals(OrderPlaced.class.getName() + ";" + OrderEvent.class.getName(), event.get(Headers.ENCLOSED_MESSAGE_TYPES));
        assertNotEquals(command.get(Headers.MESSAGE_ID), event.get(Headers.MESSAGE_ID));
    }

    @Test
    void aFailingHandlerIsRetriedImmediatelyAndItsMessagesAreSentOnlyOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<PlaceOrder>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) {
                context.publish(new OrderPlaced(message.orderId()));
                if (calls.incrementAndGet() <= 2) {
                    throw new IllegalStateException("transient");
                }
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        });
        endpoint("Sales", handlers, new Pipelines(), 3);
        HandlerRegistry billingHandlers = new HandlerRegistry();
        OrderEventHandler billing = new OrderEventHandler();
        billingHandlers.add(billing);
        endpoint("Billing", billingHandlers, new Pipelines(), 0);
        endpoint("ClientUI", new HandlerRegistry(), new Pipelines(), 0).send(new PlaceOrder("o-2"));

        await(() -> billing.ids.size() == 1);
        Thread.sleep(200);
        assertEquals(3, calls.get());
        assertEquals(List.of("o-2"), billing.ids);
        assertTrue(broker.queue("error").isEmpty());
    }

    @Test
    void aHandlerThatAlwaysFailsSendsTheMessageToTheErrorQueueWithFailureHeaders() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<PlaceOrder>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) {
                throw new IllegalStateException("database down");
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        });
        endpoint("Sales", handlers, new Pipelines(), 2);
        endpoint("ClientUI", new HandlerRegistry(), new Pipelines(), 0).send(new PlaceOrder("o-3"));

        IncomingMessage failed = broker.queue("error").poll(5, TimeUnit.SECONDS);
        assertNotNull(failed);
        assertEquals("Sales", failed.headers().get(Headers.FAILED_QUEUE));
        assertEquals(IllegalStateException.class.getName(), failed.headers().get(Headers.EXCEPTION_TYPE));
        assertEquals("database down", failed.headers().get(Headers.EXCEPTION_MESSAGE));
        assertTrue(failed.headers().get(Headers.EXCEPTION_STACK_TRACE).contains("IllegalStateException"));
        assertEquals("2", failed.headers().get(Headers.IMMEDIATE_RETRIES));
        assertNotNull(failed.headers().get(Headers.TIME_OF_FAILURE));
        assertEquals("{\"orderId\":\"o-3\"}", new String(failed.body(), StandardCharsets.UTF_8));
    }

    @Test
    void poisonMessagesGoToTheErrorQueueWithoutRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<PlaceOrder>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) {
                calls.incrementAndGet();
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        });
        AtomicInteger receives = new AtomicInteger();
        Pipelines pipelines = new Pipelines();
        pipelines.receive.add((ReceiveBehavior) (ctx, next) -> {
            receives.incrementAndGet();
            next.proceed();
        }, 0, 1);
        endpoint("Sales", handlers, pipelines, 5);
        String type = PlaceOrder.class.getName();
        put("Sales", Map.of(Headers.MESSAGE_ID, "bad-json", Headers.ENCLOSED_MESSAGE_TYPES, type), "{not json");
        put("Sales", Map.of(Headers.MESSAGE_ID, "unknown-type", Headers.ENCLOSED_MESSAGE_TYPES, "x.Unknown"), "{}");
        put("Sales", Map.of(Headers.MESSAGE_ID, "no-type"), "{}");

        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IncomingMessage m = broker.queue("error").poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "poison message " + i + " reached the error queue");
            reasons.add(m.headers().get(Headers.MESSAGE_ID) + ": " + m.headers().get(Headers.EXCEPTION_MESSAGE));
            assertEquals("0", m.headers().get(Headers.IMMEDIATE_RETRIES));
        }
        assertEquals(0, calls.get());
        assertEquals(3, receives.get(), "no retries: " + reasons);
    }

    @Test
    void aMessageWithADotNetNameIsMatchedByThatName() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new MessageHandler<TestMessages.OrderBilled>() {
            @Override
            public void handle(TestMessages.OrderBilled message, MessageContext context) {
                ids.add(message.orderId());
            }
        });
        endpoint("Shipping", handlers, new Pipelines(), 0);
        put("Shipping", Map.of(Headers.MESSAGE_ID, "m-net", Headers.ENCLOSED_MESSAGE_TYPES,
                "Messages.OrderBilled, Messages, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null"),
                "{\"orderId\":\"o-9\"}");
        await(() -> ids.size() == 1);
        assertEquals("o-9", ids.get(0));
    }

    @Test
    void sendingAnEventOrPublishingACommandOrSendingWithoutRouteIsRefused() {
        Endpoint client = endpoint("ClientUI", new HandlerRegistry(), new Pipelines(), 0);
        EdgeBusException e1 = assertThrows(EdgeBusException.class, () -> client.send(new OrderPlaced("x")));
        assertEquals(EdgeBusException.Code.INVALID_OPERATION, e1.code());
        assertThrows(EdgeBusException.class, () -> client.publish(new PlaceOrder("x")));
        EdgeBusException e3 = assertThrows(EdgeBusException.class, () -> client.send("a string"));
        assertTrue(e3.getMessage().contains("no route for java.lang.String"), e3.getMessage());
    }

    @Test
    void anEndpointWithoutHandlersDoesNotReceive() throws Exception {
        endpoint("Idle", new HandlerRegistry(), new Pipelines(), 0);
        put("Idle", Map.of(Headers.MESSAGE_ID, "m1", Headers.ENCLOSED_MESSAGE_TYPES, "x.Y"), "{}");
        Thread.sleep(200);
        assertEquals(1, broker.queue("Idle").size());
        assertTrue(broker.queue("error").isEmpty());
    }

    @Test
    void anOutboxEndpointReceivesOnlyOnceItsPersistenceIsThere() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.add(new PlaceOrderHandler());
        java.util.concurrent.atomic.AtomicReference<io.edgebus.api.persistence.Persistence> persistence =
                new java.util.concurrent.atomic.AtomicReference<>();
        EndpointSettings s = new EndpointSettings("Outboxed", "1", "Outboxed", 1, new String[0], "error", 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2), true);
        Endpoint e = new Endpoint(s, broker, handlers, new Pipelines(), persistence::get);
        e.start();
        started.add(e);
        put("Outboxed", Map.of(Headers.MESSAGE_ID, "m1", Headers.ENCLOSED_MESSAGE_TYPES,
                PlaceOrder.class.getName()), "{\"orderId\":\"o\"}");
        Thread.sleep(200);
        assertEquals(1, broker.queue("Outboxed").size(), "nothing taken without persistence");

        persistence.set(new InMemoryPersistence());
        e.persistenceChanged();
        await(() -> broker.queue("Outboxed").isEmpty());
    }

    @Test
    void aMessageForAHandlerThatIsBeingReplacedWaitsForTheNewOne() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        PlaceOrderHandler first = new PlaceOrderHandler();
        OrderEventHandler other = new OrderEventHandler();
        handlers.add(other);
        handlers.add(first);
        Endpoint sales = endpoint("Sales", handlers, new Pipelines(), 0);
        sales.handlerRemoved(handlers.remove(first));

        endpoint("ClientUI", new HandlerRegistry(), new Pipelines(), 0).send(new PlaceOrder("o-4"));
        Thread.sleep(600);
        PlaceOrderHandler second = new PlaceOrderHandler();
        sales.handlerAdded(handlers.add(second));

        await(() -> second.seen.size() == 1);
        assertTrue(broker.queue("error").isEmpty());
        assertEquals(0, first.seen.size());
    }

    private void put(String queue, Map<String, String> headers, String body) {
        broker.queue(queue).add(new IncomingMessage(null, headers, body.getBytes(StandardCharsets.UTF_8), false));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
