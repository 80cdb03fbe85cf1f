package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What the booth shop's database and error queue say after orders went through it, and the
 * assertions that every order completed exactly once.
 */
final class ShopChecks {
    private final BoothShop shop;
    private final List<LocalArtemis.Received> drainedErrors = new ArrayList<>();

    ShopChecks(BoothShop shop) {
        this.shop = shop;
    }

    /**
     * Waits until every order is billed, shipped and completed and every raffle order has its winner
     * in the error queue, then checks each effect happened exactly once (a second one would arrive
     * within the pause before counting).
     */
    void assertEveryOrderCompletedOnce(HandledCounter counter, ClientUi.Orders sent, int awaitSeconds) throws Exception {
        int n = sent.all().size();
        long start = System.nanoTime();
        await("all orders billed, shipped and completed", awaitSeconds,
                () -> counter.distinctAndTotal(shop.billing, "OrderPlaced")[0] == n
                        && counter.distinctAndTotal(shop.shipping, "OrderPlaced")[0] == n && sagaRows() == 0
                        && counter.distinctAndTotal(shop.raffle, "RaffleOrderCompleted")[0] == sent.raffle().size()
                        && errorCount() >= sent.raffle().size());
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000);

        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(shop.billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(shop.shipping, "OrderPlaced"), "Shipping");
        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(shop.sales, "PlaceOrder"),
                "each PlaceOrder handled once: duplicates deduplicated by the inbox");
        for (String orderId : sent.all()) {
            assertEquals(sent.raffle().contains(orderId) ? 1 : 0, counter.count(shop.raffle, "RaffleOrderCompleted", orderId));
        }
        assertEquals(0, sagaRows(), "every saga completed and its row deleted");
        List<String> winners = errorBodies();
        assertEquals(sent.raffle().size(), winners.size(), "one RaffleWinnerSelected per raffle order in the error queue");
        for (String body : winners) {
            assertTrue(body.contains("\"winner\":\""), body);
            assertTrue(sent.raffle().stream().anyMatch(body::contains), body);
        }
    }

    /**
     * As {@link #assertEveryOrderCompletedOnce}, for runs where a broker goes away under the endpoints.
     * Then a handler can commit and its outbox dispatch fail: the redelivered message is not handled
     * again (the inbox has it), only its stored messages are sent, so the invoke counter misses that
     * success. The outbox table is the record instead: one row per incoming message id an endpoint
     * processed, all dispatched; and the counter must never show an order handled twice.
     */
    void assertEveryOrderCompletedOnceByOutbox(HandledCounter counter, ClientUi.Orders sent, int awaitSeconds)
            throws Exception {
        int n = sent.all().size();
        int raffled = sent.raffle().size();
        long start = System.nanoTime();
        try {
            await("every order billed, shipped, completed and dispatched", awaitSeconds,
                    () -> outboxRows(shop.billing) == n && outboxRows(shop.shipping) == 2 * n
                            && outboxRows(shop.sales) == 3 * n && outboxRows(shop.raffle) == raffled && sagaRows() == 0
                            && count("SELECT count(*) FROM " + shop.schema + ".outbox WHERE NOT dispatched") == 0
                            && errorCount() >= raffled);
        } catch (AssertionError e) {
            printDiagnosis(n, raffled);
            throw e;
        }
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000);
        assertEquals(n, outboxRows(shop.billing), "Billing: one OrderPlaced per order");
        assertEquals(2 * n, outboxRows(shop.shipping), "Shipping: OrderPlaced and OrderBilled per order");
        assertEquals(3 * n, outboxRows(shop.sales), "Sales: PlaceOrder (duplicates share the id), OrderBilled, OrderShipped");
        assertEquals(raffled, outboxRows(shop.raffle), "Raffle: one RaffleOrderCompleted per raffle order");
        for (String[] e : new String[][] {{shop.billing, "OrderPlaced"}, {shop.shipping, "OrderPlaced"},
                {shop.sales, "PlaceOrder"}, {shop.raffle, "RaffleOrderCompleted"}}) {
            int[] dt = counter.distinctAndTotal(e[0], e[1]);
            assertEquals(dt[0], dt[1], e[0] + " handled an order's " + e[1] + " twice");
        }
        assertEquals(raffled, errorBodies().size(), "one RaffleWinnerSelected per raffle order in the error queue");
    }

    /** What a failed drain leaves behind: the counts, and every error-queue message that is not a raffle winner. */
    private void printDiagnosis(int n, int raffled) {
        System.out.printf("booth: not drained: outbox rows Billing %d/%d, Shipping %d/%d, Sales %d/%d, Raffle %d/%d, "
                + "sagas %d, not dispatched %d, error queue %d (raffle winners expected %d)%n", outboxRows(shop.billing), n,
                outboxRows(shop.shipping), 2 * n, outboxRows(shop.sales), 3 * n, outboxRows(shop.raffle), raffled,
                sagaRows(), count("SELECT count(*) FROM " + shop.schema + ".outbox WHERE NOT dispatched"), errorCount(),
                raffled);
        for (LocalArtemis.Received m : drainedErrors) {
            Object type = m.properties().get("NServiceBus.EnclosedMessageTypes");
            if (type == null || !String.valueOf(type).contains("RaffleWinnerSelected")) {
                System.out.println("booth: in the error queue: " + m.properties() + " "
                        + new String(m.body(), StandardCharsets.UTF_8));
            }
        }
    }

    private int outboxRows(String endpoint) {
        return count("SELECT count(*) FROM " + shop.schema + ".outbox WHERE endpoint = '" + endpoint + "'");
    }

    int sagaRows() {
        return count("SELECT count(*) FROM " + shop.schema + ".saga");
    }

    /** A count from the booth database, or -1 while it cannot be read (e.g. not migrated yet). */
    static int count(String sql) {
        try (Connection c = DriverManager.getConnection(BoothShop.PG_URL, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Messages in the error queue, or -1 while it cannot be read. The AMQP 1.0 broker's queue is
     * drained into memory, so its count is what was drained so far.
     */
    long errorCount() {
        if (shop.artemis != null) {
            try {
                drainedErrors.addAll(shop.artemis.drain(shop.errors));
                return drainedErrors.size();
            } catch (Exception e) {
                return -1;
            }
        }
        try {
            return shop.rabbit.messageCount(shop.errors);
        } catch (Exception e) {
            return -1;
        }
    }

    /** The error queue's message bodies; on RabbitMQ this takes them off the queue. */
    List<String> errorBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        if (shop.artemis != null) {
            errorCount();
            drainedErrors.forEach(m -> bodies.add(new String(m.body(), StandardCharsets.UTF_8)));
            return bodies;
        }
        for (var m = shop.rabbit.get(shop.errors); m != null; m = shop.rabbit.get(shop.errors)) {
            bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
