package io.edgebus.booth.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.saga.SagaContext;
import io.edgebus.api.saga.SagaHandler;
import io.edgebus.api.saga.SagaMapping;
import io.edgebus.booth.contracts.OrderBilled;
import io.edgebus.booth.contracts.OrderPlaced;
import io.edgebus.booth.contracts.OrderShipped;
import io.edgebus.booth.contracts.PlaceOrder;
import io.edgebus.booth.contracts.RaffleOrderCompleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The saga's decisions, driven through its own mapping (storage is core's job and tested there). */
class OrderSagaTest {
    private final Map<Class<?>, SagaHandler<Object, OrderData>> handlers = new HashMap<>();
    private final List<Class<?>> starters = new ArrayList<>();
    private final List<Object> published = new ArrayList<>();
    private boolean completed;

    private void map(OrderSaga saga) {
        saga.configure(new SagaMapping<OrderData>() {
            @Override
            @SuppressWarnings("unchecked")
            public <M> SagaMapping<OrderData> startedBy(Class<M> type, Function<M, String> c, SagaHandler<M, OrderData> h) {
                starters.add(type);
                handlers.put(type, (SagaHandler<Object, OrderData>) h);
                return this;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <M> SagaMapping<OrderData> handles(Class<M> type, Function<M, String> c, SagaHandler<M, OrderData> h) {
                handlers.put(type, (SagaHandler<Object, OrderData>) h);
                return this;
            }
        });
    }

    private OrderData run(Object message, OrderData data) throws Exception {
        return handlers.get(message.getClass()).handle(message, data, context);
    }

    private final SagaContext context = new SagaContext() {
        @Override
        public String sagaId() {
            return "saga-1";
        }

        @Override
        public void markAsComplete() {
            completed = true;
        }

        @Override
        public String messageId() {
            return "m-1";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public String endpointName() {
            return "Sales";
        }

        @Override
        public void reply(Object message, SendOptions options) {
            throw new AssertionError("the saga does not reply");
        }

        @Override
        public void send(Object message, SendOptions options) {
            throw new AssertionError("the saga does not send");
        }

        @Override
        public void publish(Object event, PublishOptions options) {
            published.add(event);
        }
    };

    @Test
    void placeOrderStartsTheSagaAndPublishesOrderPlacedOnce() throws Exception {
        map(new OrderSaga("Raffle2026"));
        assertEquals(List.of(PlaceOrder.class), starters);
        OrderData data = run(new PlaceOrder("o-1", "Website"), null);
        assertEquals(new OrderData("o-1", "Website", false, false), data);
        assertEquals(List.of(new OrderPlaced("o-1")), published);

        assertEquals(data, run(new PlaceOrder("o-1", "Website"), data), "a second PlaceOrder changes nothing");
        assertEquals(1, published.size());
    }

    @Test
    void theSagaCompletesAfterBilledAndShippedInEitherOrder() throws Exception {
        map(new OrderSaga("Raffle2026"));
        OrderData data = new OrderData("o-2", "Website", false, false);
        data = run(new OrderShipped("o-2"), data);
        assertFalse(completed);
        run(new OrderBilled("o-2"), data);
        assertTrue(completed);
        assertEquals(List.of(), published, "no raffle event for another campaign");
    }

    @Test
    void aRaffleOrderPublishesRaffleOrderCompletedWhenItCompletes() throws Exception {
        map(new OrderSaga("Raffle2026"));
        OrderData data = run(new OrderBilled("o-3"), new OrderData("o-3", "Raffle2026", false, false));
        assertTrue(published.isEmpty());
        run(new OrderShipped("o-3"), data);
        assertTrue(completed);
        assertEquals(List.of(new RaffleOrderCompleted("o-3")), published);
    }
}
