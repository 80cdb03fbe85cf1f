package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Issue 5, acceptance 2: the Sales database goes down (F22 {@code I1}, every Sales handler fails as
 * a failed database call would) while ClientUI places 500 orders, and comes back 3 s later. With
 * delayed retries on ({@code O1}) every order completes exactly once and nothing reaches the error
 * queue; with them off ({@code O0}) the failures land in Sales' error queue, and the documented retry
 * command (the tools module's RetryErrors, run as its own process) sends them back, after which
 * every order completes exactly once. Auto rate limiting ({@code P1}) is on in both, as at the booth.
 * Real framework, RabbitMQ and PostgreSQL, Sales with the outbox and concurrency 8.
 */
class DatabaseDownDrillIT {
    private static final int ORDERS = Integer.getInteger("drill.orders", 500);
    private static final int ORDERS_PER_SECOND = 100;
    private static final long OUTAGE_MILLIS = 3000;

    private final BoothShop shop = new BoothShop();
    private final String salesErrors = "SalesErrors-" + shop.run;
    private final HandledCounter counter = new HandledCounter();

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    /** How the database goes away and comes back. */
    private interface Outage {
        void down() throws Exception;

        void up() throws Exception;
    }

    /** F22 i: the Sales controls make every Sales handler fail as a failed database call would. */
    private final Outage toggleI = new Outage() {
        @Override
        public void down() throws Exception {
            control("I1");
        }

        @Override
        public void up() throws Exception {
            control("I0");
        }
    };

    @Test
    void withDelayedRetriesEveryOrderCompletesExactlyOnceAndNothingReachesTheErrorQueue() throws Exception {
        start("O1P1", Map.of());
        ClientUi.Orders sent = ordersThroughAnOutage(toggleI);
        assertCompletedWithoutErrors(sent);
    }

    /**
     * The real thing: Sales' own persistence goes through a TCP proxy that resets its connections and
     * refuses new ones for 3 s (PostgreSQL itself is shared with other tests and stays up).
     */
    @Test
    void withDelayedRetriesACutDatabaseConnectionLosesNothingAndDuplicatesNothing() throws Exception {
        try (TcpProxy proxy = new TcpProxy("localhost", 5432)) {
            start("O1P1", Map.of("persistence.target", "(persistence.name=sales)"));
            shop.fw.configure("io.edgebus.persistence.postgres", "sales", Map.of("persistence.name", "sales",
                    "jdbcUrl", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres", "username", "postgres",
                    "schema", shop.schema, "poolSize", 10, "connectionTimeoutSeconds", 2));
            // Sales receives once this persistence is there (outbox); the schema is the shop's, shared.
            ClientUi.Orders sent = ordersThroughAnOutage(new Outage() {
                @Override
                public void down() {
                    proxy.cut();
                }

                @Override
                public void up() {
                    proxy.restore();
                }
            });
            assertCompletedWithoutErrors(sent);
        }
    }

    private void assertCompletedWithoutErrors(ClientUi.Orders sent) throws Exception {
        awaitCompleted(sent);
        int failed = counter.failedAttempts(shop.sales);
        int delayed = counter.succeededAfterDelayedRetry(shop.sales);
        System.out.printf("drill (delayed retries on): %d failed attempts, %d messages succeeded after a delayed retry%n",
                failed, delayed);
        assertTrue(failed > 0 && delayed > 0, "the outage hit messages and delayed retries carried them over it");
        assertExactlyOnce(sent);
        assertEquals(0, shop.rabbit.messageCount(salesErrors), "nothing in Sales' error queue");
    }

    @Test
    void withoutDelayedRetriesFailuresGoToTheErrorQueueAndTheRetryCommandCompletesThemExactlyOnce() throws Exception {
        start("O0P1", Map.of());
        ClientUi.Orders sent = ordersThroughAnOutage(toggleI);

        // Messages in their last immediate retry at the switch may still arrive: wait until it is quiet.
        long failed = awaitStable(salesErrors);
        System.out.printf("drill (delayed retries off): %d messages in %s after the outage%n", failed, salesErrors);
        assertTrue(failed > 0, "failures landed in the error queue");
        String printed = retryErrors(salesErrors);
        System.out.print(printed);
        assertEquals(failed, printed.lines().filter(l -> l.startsWith("moved ") && l.contains(" -> ")).count(), printed);

        awaitCompleted(sent);
        assertExactlyOnce(sent);
        assertEquals(0, shop.rabbit.messageCount(salesErrors), "the error queue is empty");
    }

    private void start(String initialKeys, Map<String, Object> salesSettings) throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle", "io.edgebus.booth.controls"));
        shop.rabbit.declareQueue(salesErrors);
        shop.poolSize = 16; // the booth's 0.1 s processing time runs inside the outbox transaction
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("concurrency", 8, "errorQueue", salesErrors,
                "delayedRetries", 5, "delayedRetryIncrementSeconds", 1));
        settings.putAll(salesSettings);
        shop.configure(1, settings);
        shop.fw.configure("io.edgebus.booth.controls", "drill", Map.of("edgebus.endpoint", shop.sales,
                "display", false, "keyboard", false, "initialKeys", initialKeys));
        for (String e : List.of(shop.sales, shop.billing, shop.shipping, shop.raffle)) {
            counter.watch(shop.fw, e);
        }
        shop.fw.awaitService("io.edgebus.booth.controls.ControlState", "(edgebus.endpoint=" + shop.sales + ")");
    }

    /** ClientUI sends the orders over ~5 s; the database is down from the 1st to the 4th second. */
    private ClientUi.Orders ordersThroughAnOutage(Outage outage) throws Exception {
        CompletableFuture<ClientUi.Orders> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return shop.clientUi.sendOrders(ORDERS, ORDERS_PER_SECOND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        outage.down();
        Thread.sleep(OUTAGE_MILLIS);
        outage.up();
        return sending.get(60, TimeUnit.SECONDS);
    }

    private void awaitCompleted(ClientUi.Orders sent) throws Exception {
        long start = System.nanoTime();
        try {
            await("all orders billed, shipped and completed", 90, () ->
                    counter.distinctAndTotal(shop.billing, "OrderPlaced")[0] == ORDERS
                            && counter.distinctAndTotal(shop.shipping, "OrderPlaced")[0] == ORDERS
                            && shop.checks.sagaRows() == 0
                            && counter.distinctAndTotal(shop.raffle, "RaffleOrderCompleted")[0] == sent.raffle().size());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + progress(), e);
        }
        System.out.printf("drill: completed %.1f s after the last order was sent%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000); // a second effect would arrive within this
    }

    private String progress() throws Exception {
        return String.format("placed %d, billed %d, shipped %d, saga rows %d, raffle %d; queued: Sales %d, Billing %d,"
                        + " Shipping %d, Sales errors %d, errors %d",
                counter.distinctAndTotal(shop.sales, "PlaceOrder")[0], counter.distinctAndTotal(shop.billing, "OrderPlaced")[0],
                counter.distinctAndTotal(shop.shipping, "OrderPlaced")[0], shop.checks.sagaRows(),
                counter.distinctAndTotal(shop.raffle, "RaffleOrderCompleted")[0], shop.rabbit.messageCount(shop.sales),
                shop.rabbit.messageCount(shop.billing), shop.rabbit.messageCount(shop.shipping),
                shop.rabbit.messageCount(salesErrors), shop.checks.errorCount())
                + "; bindings to " + shop.billing + ": " + Rabbit.rabbitmqctl("list_bindings", "-q", "-p", shop.vhost,
                        "source_name", "destination_name").stream().filter(l -> l.contains(shop.billing)).toList();
    }

    /**
     * Effects downstream prove exactly once: one OrderPlaced per order reached Billing and Shipping
     * (a second saga start would publish another), one RaffleOrderCompleted per raffle order, no
     * saga left; and Sales handled each message of each order once. With a cut connection an attempt
     * can commit while its connection breaks before the answer: the retry finds the inbox entry and
     * runs no handler, so the counter (successful attempts that ran handlers) misses it; such an
     * order must have an attempt that ran the handler and then failed.
     */
    private void assertExactlyOnce(ClientUi.Orders sent) {
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(shop.billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(shop.shipping, "OrderPlaced"), "Shipping");
        for (String type : List.of("PlaceOrder", "OrderBilled", "OrderShipped")) {
            int[] handled = counter.distinctAndTotal(shop.sales, type);
            System.out.printf("drill: Sales handled %s for %d orders, %d times%n", type, handled[0], handled[1]);
            assertEquals(handled[0], handled[1], () -> "Sales handled " + type + " twice for an order"
                    + counter.handledTwice(shop.sales, type, 3));
            for (String orderId : sent.all()) {
                if (counter.count(shop.sales, type, orderId) == 0) {
                    assertTrue(counter.ranThenFailed(shop.sales, type, orderId),
                            "Sales never handled " + type + " of order " + orderId);
                    System.out.printf("drill: %s of order %s committed by an attempt that failed after it%n", type, orderId);
                }
            }
        }
        for (String orderId : sent.all()) {
            assertEquals(sent.raffle().contains(orderId) ? 1 : 0, counter.count(shop.raffle, "RaffleOrderCompleted", orderId));
        }
        assertEquals(0, shop.checks.sagaRows(), "every saga completed");
        assertEquals(sent.raffle().size(), shop.checks.errorCount(), "the shared error queue holds only the raffle winners");
    }

    /** F22 keys applied to the Sales instance's controls, as its terminal or the button box would. */
    private void control(String keys) throws Exception {
        ServiceReference<?> ref = shop.fw.awaitService("io.edgebus.booth.controls.ControlState",
                "(edgebus.endpoint=" + shop.sales + ")");
        Class<?> type = ref.getBundle().loadClass("io.edgebus.booth.controls.ControlState");
        Object state = shop.fw.context().getService(ref);
        try {
            Object result = type.getMethod("apply", String.class).invoke(state, keys);
            System.out.printf("drill: %s -> %s%n", keys, result);
        } finally {
            shop.fw.context().ungetService(ref);
        }
    }

    /** The queue's count once it stayed the same for 2 s. */
    private long awaitStable(String queue) throws Exception {
        long last = -1;
        long sameSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long now = shop.rabbit.messageCount(queue);
            if (now != last) {
                last = now;
                sameSince = System.nanoTime();
            } else if (System.nanoTime() - sameSince > TimeUnit.SECONDS.toNanos(2)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(queue + " did not settle within 60 s");
    }

    /** README's retry command: the tools module's main class in its own JVM, all messages of the queue. */
    private String retryErrors(String queue) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.edgebus.tools.RetryErrors", "--queue", queue, "--all", "--uri", shop.amqpUri()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the retry command finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
