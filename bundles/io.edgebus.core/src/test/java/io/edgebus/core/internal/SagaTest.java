package io.edgebus.core.internal;

import static io.edgebus.core.internal.EndpointTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Event;
import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.saga.Saga;
import io.edgebus.api.saga.SagaMapping;
import io.edgebus.core.internal.TestMessages.PlaceOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SagaTest {
    record Billed(String orderId) implements Event {
    }

    record Shipped(String orderId) implements Event {
    }

    record Completed(String orderId) implements Event {
    }

    record OrderState(String orderId, boolean billed, boolean shipped) {
    }

    /** Completes when billed and shipped arrived, in any order; publishes Completed then. */
    static final class OrderSaga implements Saga<OrderState> {
        @Override
        public Class<OrderState> dataType() {
            return OrderState.class;
        }

        @Override
        public void configure(SagaMapping<OrderState> m) {
            m.startedBy(PlaceOrder.class, PlaceOrder::orderId,
                            (msg, data, ctx) -> data != null ? data : new OrderState(msg.orderId(), false, false))
                    .handles(Billed.class, Billed::orderId,
                            (msg, data, ctx) -> done(new OrderState(data.orderId(), true, data.shipped()), ctx))
                    .handles(Shipped.class, Shipped::orderId,
                            (msg, data, ctx) -> done(new OrderState(data.orderId(), data.billed(), true), ctx));
        }

        private static OrderState done(OrderState s, io.edgebus.api.saga.SagaContext ctx) {
            if (s.billed() && s.shipped()) {
                ctx.publish(new Completed(s.orderId()));
                ctx.markAsComplete();
            }
            return s;
        }
    }

    private final InMemoryTransport broker = new InMemoryTransport();
    private final InMemoryPersistence store = new InMemoryPersistence();
    private final List<Endpoint> started = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Endpoint::stop);
    }

    private Endpoint endpoint(String name, HandlerRegistry handlers) {
        Endpoint e = new Endpoint(new EndpointSettings(name, "1", name, 1, new String[0], "error", 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2)), broker, handlers, new Pipelines());
        e.start();
        started.add(e);
        return e;
    }

    private Endpoint salesWithSaga() {
        return salesWithSaga("");
    }

    private Endpoint salesWithSaga(String sagaAuditQueue) {
        HandlerRegistry handlers = new HandlerRegistry();
        Endpoint[] holder = new Endpoint[1];
        for (SagaRoutes.Route r : SagaRoutes.of(new OrderSaga())) {
            handlers.add(new SagaMessageHandler(OrderSaga.class.getName(), OrderState.class, r, () -> store,
                    () -> holder[0].serializer(), () -> sagaAuditQueue));
        }
        holder[0] = endpoint("Sales", handlers);
        return holder[0];
    }

    @Test
    void theSagaCompletesWhenBothEventsArrivedInAnyOrderAndItsRowIsGone() throws Exception {
        List<Map<String, String>> completed = new CopyOnWriteArrayList<>();
        HandlerRegistry watcher = new HandlerRegistry();
        watcher.add(new MessageHandler<Completed>() {
            @Override
            public void handle(Completed message, MessageContext context) {
                completed.add(context.headers());
            }
        });
        endpoint("Watcher", watcher);
        Endpoint sales = salesWithSaga();

        sales.send(new PlaceOrder("o-1"), io.edgebus.api.SendOptions.builder().routeToThisEndpoint().build());
        await(() -> store.rows.size() == 1);
        sales.publish(new Shipped("o-1"));
        await(() -> store.rows.values().stream().anyMatch(s -> s.stateJson().contains("\"shipped\":true")));
        sales.publish(new Billed("o-1"));

        await(() -> completed.size() == 1);
        await(store.rows::isEmpty);
        assertEquals(OrderSaga.class.getName(), completed.get(0).get(Headers.ORIGINATING_SAGA_TYPE));
        assertNotNull(completed.get(0).get(Headers.ORIGINATING_SAGA_ID));
    }

    @Test
    void eachSagaChangeIsReportedWithItsInitiatorAndWhatTheSagaSent() throws Exception {
        Endpoint sales = salesWithSaga("Particular.ServiceControl");
        var toSelf = io.edgebus.api.SendOptions.builder().routeToThisEndpoint().build();
        sales.send(new PlaceOrder("o-3"), toSelf);
        await(() -> store.rows.size() == 1);
        sales.send(new PlaceOrder("o-3"), toSelf); // changes nothing: not reported
        Thread.sleep(200);
        sales.publish(new Billed("o-3"));
        await(() -> store.rows.values().stream().anyMatch(r -> r.stateJson().contains("\"billed\":true")));
        sales.publish(new Shipped("o-3"));
        await(store.rows::isEmpty);
        await(() -> broker.queue("Particular.ServiceControl").size() == 3);

        List<com.fasterxml.jackson.databind.JsonNode> changes = new java.util.ArrayList<>();
        for (var m : broker.queue("Particular.ServiceControl")) {
            assertEquals("ServiceControl.EndpointPlugin.Messages.SagaState.SagaUpdatedMessage",
                    m.headers().get(Headers.ENCLOSED_MESSAGE_TYPES));
            var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.body());
            assertEquals(body.get("Initiator").get("InitiatingMessageId").asText(), m.headers().get(Headers.RELATED_TO));
            changes.add(body);
        }
        assertEquals(List.of(true, false, false), changes.stream().map(c -> c.get("IsNew").asBoolean()).toList());
        assertEquals(List.of(false, false, true), changes.stream().map(c -> c.get("IsCompleted").asBoolean()).toList());
        assertEquals(1, changes.stream().map(c -> c.get("SagaId").asText()).distinct().count());
        assertTrue(changes.get(0).get("Initiator").get("MessageType").asText().endsWith("PlaceOrder"));
        assertTrue(changes.get(1).get("SagaState").asText().contains("\"billed\":true"));
        var sent = changes.get(2).get("ResultingMessages");
        assertEquals(1, sent.size(), "the Completed event the saga published");
        assertTrue(sent.get(0).get("MessageType").asText().endsWith("Completed"));
        assertEquals("Publish", sent.get(0).get("Intent").asText());
        assertEquals("Sales", changes.get(2).get("Endpoint").asText());
        assertEquals(OrderSaga.class.getName(), changes.get(2).get("SagaType").asText());
    }

    @Test
    void aMessageForACompletedOrNeverStartedSagaIsIgnoredNotFailed() throws Exception {
        Endpoint sales = salesWithSaga();
        sales.publish(new Billed("never-started"));
        Thread.sleep(300);
        assertTrue(broker.queue("error").isEmpty());
        assertTrue(store.rows.isEmpty());
        assertEquals(0, store.writes.get());
    }

    @Test
    void aDuplicateStartThatChangesNothingWritesNothing() throws Exception {
        Endpoint sales = salesWithSaga();
        var toSelf = io.edgebus.api.SendOptions.builder().routeToThisEndpoint().build();
        sales.send(new PlaceOrder("o-2"), toSelf);
        await(() -> store.writes.get() == 1);
        sales.send(new PlaceOrder("o-2"), toSelf);
        Thread.sleep(300);
        assertEquals(1, store.writes.get(), "the second start left the state as it was");
        assertEquals(0, store.rows.values().iterator().next().version());
    }
}
