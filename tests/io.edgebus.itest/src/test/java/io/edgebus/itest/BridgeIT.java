package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, acceptance 2: the booth shop across the messaging bridge. ClientUI and three competing
 * Sales instances (outbox, PostgreSQL) on the real RabbitMQ; Billing, Shipping and Raffle on an
 * embedded AMQP 1.0 broker (Artemis) through the Azure Service Bus transport; the bridge in
 * between, in the same framework. Every effect once per order, conversation ids intact.
 */
class BridgeIT {
    private static final int ORDERS = Integer.getInteger("bridge.orders", 2000);

    private final BoothShop shop = new BoothShop();
    private LocalArtemis artemis;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            shop.close();
        } finally {
            if (artemis != null) {
                artemis.close();
            }
        }
    }

    @Test
    void everyOrderCompletesExactlyOnceAcrossTheBridgeWithConversationIdsIntact() throws Exception {
        HandledCounter counter = startShop();

        BoothShop.Orders sent = shop.sendOrders(ORDERS);
        shop.assertEveryOrderCompletedOnce(counter, sent, 900);

        for (String orderId : sent.all()) {
            String conversation = counter.conversation(shop.sales, "PlaceOrder", orderId);
            assertNotNull(conversation, orderId);
            assertEquals(conversation, counter.conversation(shop.billing, "OrderPlaced", orderId), "RabbitMQ to AMQP 1.0");
            assertEquals(conversation, counter.conversation(shop.shipping, "OrderPlaced", orderId), "RabbitMQ to AMQP 1.0");
            assertEquals(conversation, counter.conversation(shop.sales, "OrderBilled", orderId), "AMQP 1.0 to RabbitMQ");
            assertEquals(conversation, counter.conversation(shop.sales, "OrderShipped", orderId), "AMQP 1.0 to RabbitMQ");
        }
        List<BridgeMetricsView.Direction> metrics = BridgeMetricsView.read(shop.fw);
        metrics.forEach(m -> System.out.println("bridge: " + m));
        BridgeMetricsView.Direction aToB = metrics.get(0);
        BridgeMetricsView.Direction bToA = metrics.get(1);
        // OrderPlaced to Billing and Shipping, RaffleOrderCompleted to Raffle; OrderBilled and OrderShipped back.
        assertEquals(2L * ORDERS + sent.raffle().size(), aToB.forwarded(), "A to B forwarded (an outbox re-dispatch would be a dedup hit)");
        assertEquals(2L * ORDERS, bToA.forwarded(), "B to A forwarded");
        assertEquals(0, aToB.errors() + bToA.errors(), "nothing went to the bridge's error queues");
    }

    HandledCounter startShop() throws Exception {
        artemis = new LocalArtemis();
        shop.startBridged(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"), artemis);
        shop.configure(3);
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(shop.sales, shop.billing, shop.shipping, shop.raffle)) {
            counter.watch(shop.fw, e);
        }
        await("the bridge's links up", 60, () -> BridgeMetricsView.read(shop.fw).stream()
                .allMatch(d -> d.sourceLink().equals("CONNECTED") && d.targetLink().equals("CONNECTED")));
        return counter;
    }
}
