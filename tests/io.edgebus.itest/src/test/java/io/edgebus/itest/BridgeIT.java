package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, acceptances 2 to 4: the booth shop across the messaging bridge. ClientUI and three competing
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

        ClientUi.Orders sent = shop.clientUi.sendOrders(ORDERS);
        shop.checks.assertEveryOrderCompletedOnce(counter, sent, 900);

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

    /**
     * Acceptance 3: the AMQP 1.0 broker stopped for 60 s in the middle of the run and started again
     * on the same journal. Forwards to it wait (the messages stay in the proxies' RabbitMQ queues),
     * the bridge reports the lost link and the backlog, and everything drains once it is back.
     */
    @Test
    void anAmqpBrokerOutageOfAMinuteLosesNothingAndTheBridgeReportsIt() throws Exception {
        int n = Integer.getInteger("bridge.outageOrders", 1000);
        HandledCounter counter = startShop();
        ClientUi.Orders sent = shop.clientUi.sendOrders(n);
        await("a third billed", 300, () -> counter.distinctAndTotal(shop.billing, "OrderPlaced")[0] >= n / 3);

        long stopped = System.nanoTime();
        artemis.stop();
        System.out.println("bridge: AMQP 1.0 broker stopped after " + counter.distinctAndTotal(shop.billing, "OrderPlaced")[0]
                + " orders billed");
        await("the bridge reports the lost link", 60, () -> {
            List<BridgeMetricsView.Direction> m = BridgeMetricsView.read(shop.fw);
            return !m.get(0).targetLink().equals("CONNECTED") && !m.get(1).sourceLink().equals("CONNECTED");
        });
        // The booth keeps taking orders while the cloud link is down: Sales handles them, and their
        // events wait on the RabbitMQ side (on a quiet machine the first orders may all be across already).
        ClientUi.Orders duringOutage = shop.clientUi.sendOrders(Math.max(10, n / 10));
        await("a backlog on the RabbitMQ side", 60, () -> BridgeMetricsView.read(shop.fw).get(0).backlog() > 0);
        Thread.sleep(Math.max(0, 60_000 - (System.nanoTime() - stopped) / 1_000_000));
        BridgeMetricsView.Direction during = BridgeMetricsView.read(shop.fw).get(0);
        System.out.println("bridge: after 60 s without the broker: " + during);
        artemis.restart();

        shop.checks.assertEveryOrderCompletedOnceByOutbox(counter, sent.plus(duringOutage), 600);
        List<BridgeMetricsView.Direction> after = BridgeMetricsView.read(shop.fw);
        after.forEach(m -> System.out.println("bridge: after the outage: " + m));
        assertTrue(during.backlog() > 0, "the backlog grew while the broker was away");
        assertEquals(0, after.get(0).backlog(), "the backlog drained");
        assertEquals(0, after.get(1).backlog(), "the AMQP side's backlog is known (its queue length) and drained");
        assertTrue(after.get(0).linkDowns() > 0 && after.get(1).linkDowns() > 0, "the link losses are counted");
        assertEquals("CONNECTED", after.get(0).targetLink());
        assertEquals("CONNECTED", after.get(1).sourceLink());
        assertEquals(0, after.get(0).errors() + after.get(1).errors(), "nothing went to the bridge's error queues");
    }

    /**
     * Acceptance 4: the bridge as its own gateway runtime, killed with SIGKILL mid-stream and
     * started again. Messages it had forwarded but not yet settled come again; its persisted
     * deduplication drops them (the count is printed), and the endpoints' inboxes would catch any
     * it had not noted yet: every effect still happens once.
     */
    @Test
    void aBridgeKilledMidStreamLosesNothingAndItsDeduplicationDropsTheRepeats() throws Exception {
        int n = Integer.getInteger("bridge.restartOrders", 500);
        artemis = new LocalArtemis();
        shop.bridgeInFramework = false;
        shop.startBridged(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"), artemis);
        try (BridgeProcess bridge = new BridgeProcess(shop, TestFramework.tempDir())) {
            bridge.start();
            await("the bridge process connected both sides", 120, () -> linksUp(bridge));
            shop.configure(3);
            HandledCounter counter = watch();
            ClientUi.Orders sent = shop.clientUi.sendOrders(n);
            await("a quarter billed", 300, () -> counter.distinctAndTotal(shop.billing, "OrderPlaced")[0] >= n / 4);

            bridge.kill();
            System.out.println("bridge: process killed (SIGKILL) after " + counter.distinctAndTotal(shop.billing,
                    "OrderPlaced")[0] + " orders billed");
            int reportsBefore = bridge.reports().size();
            bridge.start();

            shop.checks.assertEveryOrderCompletedOnce(counter, sent, 600);
            await("a report of the restarted bridge", 60, () -> bridge.reports().size() >= reportsBefore + 2);
            List<String> reports = bridge.reports();
            List<String> last = reports.subList(reports.size() - 2, reports.size());
            last.forEach(l -> System.out.println("bridge: after the restart: " + l.substring(l.indexOf("bridge "))));
            long dedup = last.stream().mapToLong(BridgeIT::dedupHits).sum();
            System.out.println("bridge: duplicates removed by the bridge's deduplication after the restart: " + dedup);

            // The gateway's Prometheus endpoint serves the restarted bridge's figures.
            String text = PlatformMonitoringIT.scrape(bridge.metricsPort);
            String aToB = "{bridge=\"" + shop.bridgeName + "\",from=\"A(booth)\",to=\"B(booth-asb)\"";
            java.util.regex.Matcher forwarded = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote("edgebus_bridge_forwarded_total" + aToB + "} ") + "(\\d+)").matcher(text);
            assertTrue(forwarded.find() && Long.parseLong(forwarded.group(1)) > 0, text);
            assertTrue(text.contains("edgebus_bridge_link_connected" + aToB + ",side=\"target\"} 1\n"), text);
        }
    }

    HandledCounter startShop() throws Exception {
        artemis = new LocalArtemis();
        shop.startBridged(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"), artemis);
        shop.configure(3);
        HandledCounter counter = watch();
        await("the bridge's links up", 60, () -> BridgeMetricsView.read(shop.fw).stream()
                .allMatch(d -> d.sourceLink().equals("CONNECTED") && d.targetLink().equals("CONNECTED")));
        return counter;
    }

    private HandledCounter watch() throws Exception {
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(shop.sales, shop.billing, shop.shipping, shop.raffle)) {
            counter.watch(shop.fw, e);
        }
        return counter;
    }

    private static boolean linksUp(BridgeProcess bridge) {
        List<String> r = bridge.reports();
        return r.size() >= 2 && r.subList(r.size() - 2, r.size()).stream().allMatch(l -> l.contains("links CONNECTED/CONNECTED"));
    }

    private static long dedupHits(String report) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dedup hits (\\d+)").matcher(report);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
