package io.edgebus.itest;


import java.util.List;
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

    private final BoothShop shop = new BoothShop();

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

        ClientUi.Orders sent = shop.clientUi.sendOrders(ORDERS);
        shop.checks.assertEveryOrderCompletedOnce(counter, sent, 600);
    }
}
