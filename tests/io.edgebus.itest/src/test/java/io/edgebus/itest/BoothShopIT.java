package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 1, with every endpoint in one real framework on the real RabbitMQ and
 * PostgreSQL: ClientUI sends orders (3 in 10 twice with the same message id, a known subset for the
 * raffle) to three competing Sales instances with the outbox; Billing, Shipping and Raffle handle
 * what follows. Counted through an invoke behaviour on each endpoint.
 */
class BoothShopIT {
    private static final int ORDERS = Integer.getInteger("booth.orders", 2000);

    private final BoothShop shop = new BoothShop(true);

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    @Test
    void everyOrderCompletesExactlyOnceWithDuplicatesAndThreeCompetingSalesInstances() throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"));
        shop.configure(3);
        String sales = shop.sales;
        String billing = shop.billing;
        String shipping = shop.shipping;
        String raffle = shop.raffle;
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(sales, billing, shipping, raffle)) {
            counter.watch(shop.fw, e);
        }

        BoothShop.Orders sent = shop.sendOrders(ORDERS);
        List<String> orders = sent.all();
        Set<String> raffleOrders = sent.raffle();

        long start = System.nanoTime();
        await("all orders billed, shipped and completed", 600, () -> counter.distinctAndTotal(billing, "OrderPlaced")[0] == ORDERS
                && counter.distinctAndTotal(shipping, "OrderPlaced")[0] == ORDERS && shop.sagaRows() == 0
                && counter.distinctAndTotal(raffle, "RaffleOrderCompleted")[0] == raffleOrders.size()
                && shop.errorCount() >= raffleOrders.size());
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000); // a second effect would arrive within this

        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(shipping, "OrderPlaced"), "Shipping");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(sales, "PlaceOrder"),
                "each PlaceOrder handled once: duplicates deduplicated by the inbox");
        for (String orderId : orders) {
            assertEquals(raffleOrders.contains(orderId) ? 1 : 0, counter.count(raffle, "RaffleOrderCompleted", orderId));
        }
        assertEquals(0, shop.sagaRows(), "every saga completed and its row deleted");
        List<String> winners = shop.errorBodies();
        assertEquals(raffleOrders.size(), winners.size(), "one RaffleWinnerSelected per raffle order in the error queue");
        for (String body : winners) {
            assertTrue(body.contains("\"winner\":\""), body);
            assertTrue(raffleOrders.stream().anyMatch(body::contains), body);
        }
    }
}
