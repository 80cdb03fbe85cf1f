package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 2: acceptance 1 (BoothShopIT's counts) while one of three Sales instances, each a
 * real sales.jar process with the distro's sales profile, is killed with SIGKILL 1 s after the previous one is back up and
 * restarted. Billing, Shipping, Raffle and ClientUI run in this JVM's framework and count effects; the
 * Sales side is checked through the database (saga rows, outbox records).
 */
class SalesKillDrillIT {
    private static final int ORDERS = Integer.getInteger("drill.orders", 2000);
    private static final long KILL_EVERY_MS = 1000;

    private final BoothShop shop = new BoothShop();
    private SalesProcesses sales;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (sales != null) {
                sales.close();
            }
        } finally {
            shop.close();
        }
    }

    @Test
    void everyOrderCompletesExactlyOnceWhileSalesInstancesAreKilledAndRestarted() throws Exception {
        shop.start(List.of("io.edgebus.booth.billing", "io.edgebus.booth.shipping", "io.edgebus.booth.raffle"));
        shop.configure(0);
        String billing = shop.billing;
        String shipping = shop.shipping;
        String raffle = shop.raffle;
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(billing, shipping, raffle)) {
            counter.watch(shop.fw, e);
        }
        // The in-process persistence has migrated this run's schema: the counts below can read it from now on.
        await("schema migrated", 60, () -> shop.checks.sagaRows() == 0);

        sales = new SalesProcesses(shop, TestFramework.tempDir(), 3);
        for (int n = 1; n <= 3; n++) {
            sales.start(n);
        }
        for (int n = 1; n <= 3; n++) {
            int instance = n;
            await("Sales " + n + " running", 60, () -> sales.runningReports(instance) >= 1);
        }
        // One order end to end first: the saga has subscribed to OrderBilled and OrderShipped before the load.
        ClientUi.Orders warmUp = shop.clientUi.sendOrders(1);
        await("the first order completed", 60, () -> counter.distinctAndTotal(shipping, "OrderPlaced")[0] == 1
                && shop.checks.errorCount() == 1 && shop.checks.sagaRows() == 0);

        AtomicBoolean drilling = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        AtomicReference<Throwable> drillFailure = new AtomicReference<>();
        Thread drill = new Thread(() -> {
            try {
                for (int n = 1; drilling.get(); n = n % 3 + 1) {
                    Thread.sleep(KILL_EVERY_MS);
                    if (drilling.get()) {
                        int before = sales.runningReports(n);
                        sales.kill(n);
                        kills.incrementAndGet();
                        sales.start(n);
                        // The next kill counts from when this instance works again: on a loaded machine a
                        // start takes longer than the interval, and kills would then leave no Sales working.
                        int instance = n;
                        await("Sales " + n + " back", 120, () -> !drilling.get() || sales.runningReports(instance) > before);
                    }
                }
            } catch (Throwable t) {
                drillFailure.set(t);
            }
        }, "sales-kill-drill");

        long start = System.nanoTime();
        drill.start();
        // At a booth-like pace, so the drill kills while Sales works, however fast this machine drains.
        ClientUi.Orders load = shop.clientUi.sendOrders(ORDERS - 1, 80);
        List<String> orders = new ArrayList<>(warmUp.all());
        orders.addAll(load.all());
        Set<String> raffleOrders = new HashSet<>(warmUp.raffle());
        raffleOrders.addAll(load.raffle());
        try {
            // Kills go on while Sales still has work: every order placed, billed and shipped.
            await("every order billed and shipped", 150, () -> counter.distinctAndTotal(billing, "OrderPlaced")[0] == ORDERS
                    && counter.distinctAndTotal(shipping, "OrderPlaced")[0] == ORDERS);
        } finally {
            drilling.set(false);
            drill.join();
        }
        System.out.printf("drill: %d orders, %d kill -9 of a Sales instance, each %d ms after the last one was back, all placed after %.1f s%n",
                ORDERS, kills.get(), KILL_EVERY_MS, (System.nanoTime() - start) / 1e9);
        assertEquals(null, drillFailure.get(), "the kill loop itself");
        assertTrue(kills.get() >= 3, "the drill killed Sales instances while they worked: " + kills.get());

        long drainStart = System.nanoTime();
        await("every saga completed", 90, () -> shop.checks.sagaRows() == 0
                && counter.distinctAndTotal(raffle, "RaffleOrderCompleted")[0] == raffleOrders.size()
                && shop.checks.errorCount() >= raffleOrders.size());
        System.out.printf("drill: drained %.1f s after the last kill%n", (System.nanoTime() - drainStart) / 1e9);
        Thread.sleep(2000); // a second effect would arrive within this

        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(shipping, "OrderPlaced"), "Shipping");
        for (String orderId : orders) {
            assertEquals(raffleOrders.contains(orderId) ? 1 : 0, counter.count(raffle, "RaffleOrderCompleted", orderId));
        }
        assertEquals(0, shop.checks.sagaRows(), "every saga completed and its row deleted");
        // Sales' inbox: one record per distinct incoming message (PlaceOrder, OrderBilled, OrderShipped per
        // order; a duplicate PlaceOrder shares its id), every one dispatched.
        assertEquals(3 * ORDERS, ShopChecks.count("SELECT count(*) FROM " + shop.schema + ".outbox WHERE endpoint = '"
                + shop.sales + "'"), "Sales handled each message once");
        assertEquals(0, ShopChecks.count("SELECT count(*) FROM " + shop.schema + ".outbox WHERE endpoint = '"
                + shop.sales + "' AND NOT dispatched"), "nothing Sales committed is left undispatched");
        List<String> winners = shop.checks.errorBodies();
        assertEquals(raffleOrders.size(), winners.size(), "one RaffleWinnerSelected per raffle order in the error queue");
        for (String body : winners) {
            assertTrue(body.contains("\"winner\":\""), body);
            assertTrue(raffleOrders.stream().anyMatch(body::contains), body);
        }
    }
}
