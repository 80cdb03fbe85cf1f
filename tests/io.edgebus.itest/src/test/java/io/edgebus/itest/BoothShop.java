package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.contracts.PlaceOrder;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.osgi.framework.ServiceReference;

/**
 * The booth shop for acceptance tests: unique endpoint, queue and schema names per run, a real
 * framework with the shop bundles configured the way the distro profiles configure them, the orders
 * ClientUI sends, and what the database and the error queue say afterwards. Shared by BoothShopIT
 * (everything in one framework) and SalesKillDrillIT (Sales as separate processes).
 */
final class BoothShop implements AutoCloseable {
    static final String RAFFLE = "ItRaffle2026";
    static final String PG_URL = "jdbc:postgresql://localhost:5432/postgres";

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String sales = "Sales-" + run;
    final String billing = "Billing-" + run;
    final String shipping = "Shipping-" + run;
    final String raffle = "Raffle-" + run;
    final String client = "ClientUI-" + run;
    final String errors = "BoothErrors-" + run;
    final String schema = "boothit_" + run.replace('-', '_');
    /**
     * The run's own RabbitMQ virtual host, deleted at the end with everything in it: events are
     * routed by type across a virtual host, so shops of other runs on the shared broker would
     * otherwise receive this run's events and send it theirs.
     */
    final String vhost = "edgebus-it-" + run;
    final String audit = "BoothAudit-" + run;
    final String sagaAudit = "BoothSagaAudit-" + run;
    /** The persistence's connections; the handlers of all endpoints in the framework share them. */
    int poolSize = 8;
    /** The bridge's error queue on each side, and its deduplication files (bridged mode). */
    final String bridgeErrors = "BridgeErrors-" + run;
    TestFramework fw;
    Rabbit rabbit;
    /** Set in bridged mode: Billing, Shipping and Raffle live on this AMQP 1.0 broker, through the bridge. */
    LocalArtemis artemis;
    /** Bridged mode: false when the bridge runs as a process of its own ({@link BridgeProcess}). */
    boolean bridgeInFramework = true;
    private final List<LocalArtemis.Received> drainedErrors = new ArrayList<>();

    /** An amqp URI of the shop's broker and virtual host, for tools run as processes. */
    String amqpUri() {
        return "amqp://guest:guest@localhost:5672/" + java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
    }

    /** What was sent: every order id, the raffle ones, how many were sent twice. */
    record Orders(List<String> all, Set<String> raffle, int duplicates) {
        Orders plus(Orders more) {
            List<String> orders = new ArrayList<>(all);
            orders.addAll(more.all);
            Set<String> raffled = new HashSet<>(raffle);
            raffled.addAll(more.raffle);
            return new Orders(orders, raffled, duplicates + more.duplicates);
        }
    }

    /** Starts the broker connection and a framework with the persistence, contracts and these shop bundles. */
    void start(List<String> shopBundles) throws Exception {
        Rabbit.addVhost(vhost);
        rabbit = new Rabbit(vhost);
        rabbit.declareQueue(errors);
        List<String> bundles = new ArrayList<>(List.of("postgresql-", "io.edgebus.persistence.postgres",
                "io.edgebus.booth.contracts"));
        bundles.addAll(shopBundles);
        fw = new TestFramework(TestFramework.tempDir(), Map.of(), bundles);
    }

    /**
     * As {@link #start}, with Billing, Shipping and Raffle to run on {@code artemis} through the
     * Azure Service Bus transport and the messaging bridge (issue 6); Sales and ClientUI stay on RabbitMQ.
     */
    void startBridged(List<String> shopBundles, LocalArtemis artemis) throws Exception {
        this.artemis = artemis;
        List<String> bundles = new ArrayList<>(AsbEndpointIT.ASB_BUNDLES);
        bundles.add("io.edgebus.bridge");
        bundles.addAll(shopBundles);
        start(bundles);
    }

    /** Transport, persistence, Billing, Shipping, Raffle and ClientUI; and Sales with n instances when n > 0. */
    void configure(int salesInstances) throws Exception {
        configure(salesInstances, Map.of());
    }

    /** As {@link #configure(int)}, with the raffle's reveal mode. */
    void configure(int salesInstances, String revealMode) throws Exception {
        configure(salesInstances, Map.of(), revealMode);
    }

    /** As {@link #configure(int)}, with {@code salesSettings} added to each Sales instance's endpoint configuration. */
    void configure(int salesInstances, Map<String, Object> salesSettings) throws Exception {
        configure(salesInstances, salesSettings, "fail");
    }

    /**
     * Every endpoint audits to this run's audit and saga-audit queues; heartbeats and metrics are off
     * (PlatformMonitoringIT tests them).
     */
    void configure(int salesInstances, Map<String, Object> salesSettings, String revealMode) throws Exception {
        rabbit.declareQueue(audit);
        rabbit.declareQueue(sagaAudit);
        fw.configure("io.edgebus.transport.rabbitmq", "booth", Map.of("transport.name", "booth",
                "host", "localhost", "virtualHost", vhost, "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.persistence.postgres", "booth", Map.of("persistence.name", "booth",
                "jdbcUrl", PG_URL, "username", "postgres", "schema", schema, "poolSize", poolSize));
        String far = "booth";
        if (artemis != null) {
            far = "booth-asb";
            fw.configure("io.edgebus.transport.asb", "booth", Map.of("transport.name", far,
                    "brokerUri", artemis.uri(), "recoveryMaxDelayMs", 2_000L));
            if (bridgeInFramework) {
                fw.configure("io.edgebus.bridge", "booth", bridgeConfig(Map.of()));
            }
        }
        for (int i = 1; i <= salesInstances; i++) {
            endpoint(sales + "-" + i, sales, String.valueOf(i), 1, 5, "booth", salesSettings);
        }
        endpoint(billing, billing, "1", 1, 5, far, Map.of());
        endpoint(shipping, shipping, "1", 4, 5, far, Map.of());
        endpoint(raffle, raffle, "1", 1, 0, far, Map.of());
        Map<String, Object> c = new HashMap<>(Map.of("edgebus.endpoint", client,
                "transport.target", "(transport.name=booth)", "errorQueue", errors,
                "routes", new String[] {"io.edgebus.booth.contracts.PlaceOrder=" + sales}));
        c.putAll(platformQueues());
        fw.configure("io.edgebus.endpoint", client, c);
        if (salesInstances > 0) {
            fw.configure("io.edgebus.booth.sales.OrderSaga", null, Map.of("edgebus.endpoint", sales, "raffleCampaign", RAFFLE));
        }
        fw.configure("io.edgebus.booth.billing.BillOrder", null, Map.of("edgebus.endpoint", billing));
        fw.configure("io.edgebus.booth.shipping.ShipOrder", null, Map.of("edgebus.endpoint", shipping));
        fw.configure("io.edgebus.booth.shipping.NoteBilled", null, Map.of("edgebus.endpoint", shipping));
        fw.configure("io.edgebus.booth.raffle", null, Map.of("edgebus.endpoint", raffle,
                "participants", new String[] {"Ada Lovelace", "Grace Hopper", "Linus Torvalds"}, "revealMode", revealMode));
        List<String> endpoints = new ArrayList<>(List.of(billing, shipping, raffle, client));
        if (salesInstances > 0) {
            endpoints.add(0, sales);
        }
        for (String e : endpoints) {
            await(e + " running", 60, () -> running(e));
        }
        awaitHandlers(salesInstances > 0);
    }

    /**
     * Waits until every handler and the saga serve their endpoint of this run: an event published
     * before its subscriber's handler is there is not delivered to it (as in NServiceBus), so orders
     * sent earlier could miss Shipping's OrderBilled subscription.
     */
    private void awaitHandlers(boolean withSales) throws Exception {
        String handler = "io.edgebus.api.MessageHandler";
        String[][] expected = {{handler, "io.edgebus.booth.billing.BillOrder", billing},
                {handler, "io.edgebus.booth.shipping.ShipOrder", shipping},
                {handler, "io.edgebus.booth.shipping.NoteBilled", shipping},
                {handler, "io.edgebus.booth.raffle.PickWinner", raffle},
                {handler, "io.edgebus.booth.raffle.RevealWinner", raffle},
                {"io.edgebus.api.saga.Saga", "io.edgebus.booth.sales.OrderSaga", sales}};
        for (String[] e : expected) {
            String bundle = e[1].substring(0, e[1].lastIndexOf('.'));
            if (!withSales && e[2].equals(sales) || java.util.Arrays.stream(fw.context().getBundles())
                    .noneMatch(b -> bundle.equals(b.getSymbolicName()))) {
                continue;
            }
            String filter = "(&(component.name=" + e[1] + ")(edgebus.endpoint=" + e[2] + "))";
            await(e[1] + " serving " + e[2], 60, () -> {
                try {
                    return fw.context().getAllServiceReferences(e[0], filter) != null;
                } catch (org.osgi.framework.InvalidSyntaxException bad) {
                    throw new IllegalArgumentException(bad);
                }
            });
        }
        // The endpoint binds (and subscribes) in the service event the registry fires right after
        // the service became visible here; give that listener its moment.
        Thread.sleep(300);
    }

    /**
     * The bridge between the two transports: Sales and ClientUI on side A (RabbitMQ), Billing,
     * Shipping and Raffle on side B (the AMQP 1.0 broker), each with the events its handlers take.
     */
    Map<String, Object> bridgeConfig(Map<String, Object> extra) {
        String contracts = "io.edgebus.booth.contracts.";
        Map<String, Object> c = new HashMap<>(Map.of("bridge.name", "booth-" + run,
                "transportA.target", "(transport.name=booth)", "transportB.target", "(transport.name=booth-asb)",
                "sideA.endpoints", new String[] {sales + "=" + contracts + "OrderBilled," + contracts + "OrderShipped", client},
                "sideB.endpoints", new String[] {billing + "=" + contracts + "OrderPlaced",
                        shipping + "=" + contracts + "OrderPlaced," + contracts + "OrderBilled",
                        raffle + "=" + contracts + "RaffleOrderCompleted"},
                "sideA.errorQueue", bridgeErrors, "sideB.errorQueue", bridgeErrors, "reportIntervalSeconds", 5));
        c.putAll(extra);
        return c;
    }

    private void endpoint(String configName, String name, String instance, int concurrency, int retries,
                          String transport, Map<String, Object> settings) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("edgebus.endpoint", name, "instance", instance,
                "concurrency", concurrency, "transport.target", "(transport.name=" + transport + ")", "errorQueue", errors,
                "persistence.target", "(persistence.name=booth)", "outbox", true, "immediateRetries", retries));
        p.putAll(platformQueues());
        if (retries == 0) {
            p.put("delayedRetries", 0); // Raffle reveals its winner in the error queue at once (no-op where core has no delayed retries)
        }
        p.putAll(settings);
        fw.configure("io.edgebus.endpoint", configName, p);
    }

    private Map<String, Object> platformQueues() {
        return Map.of("auditQueue", audit, "sagaAuditQueue", sagaAudit, "serviceControlQueue", "",
                "monitoringQueue", "");
    }

    /** Sends n orders through ClientUI: 3 in 10 (seeded) twice with the same message id, every 10th in the raffle. */
    Orders sendOrders(int n) throws Exception {
        return sendOrders(n, 0);
    }

    /** As {@link #sendOrders(int)}, at most {@code perSecond} orders a second (0: as fast as it can). */
    Orders sendOrders(int n, int perSecond) throws Exception {
        long start = System.nanoTime();
        Random random = new Random(42);
        List<String> orders = new ArrayList<>();
        Set<String> raffleOrders = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            if (perSecond > 0) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String orderId = UUID.randomUUID().toString();
            boolean inRaffle = i % 10 == 0;
            if (inRaffle) {
                raffleOrders.add(orderId);
            }
            orders.add(orderId);
            PlaceOrder order = new PlaceOrder(orderId, inRaffle ? RAFFLE : "Website");
            String messageId = UUID.randomUUID().toString();
            send(order, messageId);
            if (random.nextInt(10) < 3) {
                send(order, messageId);
                duplicates++;
            }
        }
        System.out.printf("booth: %d orders sent, %d sent twice, %d in the raffle%n", n, duplicates, raffleOrders.size());
        return new Orders(orders, raffleOrders, duplicates);
    }

    /**
     * Waits until every order is billed, shipped and completed and every raffle order has its winner
     * in the error queue, then checks each effect happened exactly once (a second one would arrive
     * within the pause before counting).
     */
    void assertEveryOrderCompletedOnce(HandledCounter counter, Orders sent, int awaitSeconds) throws Exception {
        int n = sent.all().size();
        long start = System.nanoTime();
        await("all orders billed, shipped and completed", awaitSeconds,
                () -> counter.distinctAndTotal(billing, "OrderPlaced")[0] == n
                        && counter.distinctAndTotal(shipping, "OrderPlaced")[0] == n && sagaRows() == 0
                        && counter.distinctAndTotal(raffle, "RaffleOrderCompleted")[0] == sent.raffle().size()
                        && errorCount() >= sent.raffle().size());
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000);

        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(shipping, "OrderPlaced"), "Shipping");
        assertArrayEquals(new int[] {n, n}, counter.distinctAndTotal(sales, "PlaceOrder"),
                "each PlaceOrder handled once: duplicates deduplicated by the inbox");
        for (String orderId : sent.all()) {
            assertEquals(sent.raffle().contains(orderId) ? 1 : 0, counter.count(raffle, "RaffleOrderCompleted", orderId));
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
    void assertEveryOrderCompletedOnceByOutbox(HandledCounter counter, Orders sent, int awaitSeconds) throws Exception {
        int n = sent.all().size();
        int raffled = sent.raffle().size();
        long start = System.nanoTime();
        try {
            await("every order billed, shipped, completed and dispatched", awaitSeconds,
                    () -> outboxRows(billing) == n && outboxRows(shipping) == 2 * n && outboxRows(sales) == 3 * n
                            && outboxRows(raffle) == raffled && sagaRows() == 0
                            && count("SELECT count(*) FROM " + schema + ".outbox WHERE NOT dispatched") == 0
                            && errorCount() >= raffled);
        } catch (AssertionError e) {
            printDiagnosis(n, raffled);
            throw e;
        }
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000);
        assertEquals(n, outboxRows(billing), "Billing: one OrderPlaced per order");
        assertEquals(2 * n, outboxRows(shipping), "Shipping: OrderPlaced and OrderBilled per order");
        assertEquals(3 * n, outboxRows(sales), "Sales: PlaceOrder (duplicates share the id), OrderBilled, OrderShipped");
        assertEquals(raffled, outboxRows(raffle), "Raffle: one RaffleOrderCompleted per raffle order");
        for (String[] e : new String[][] {{billing, "OrderPlaced"}, {shipping, "OrderPlaced"}, {sales, "PlaceOrder"},
                {raffle, "RaffleOrderCompleted"}}) {
            int[] dt = counter.distinctAndTotal(e[0], e[1]);
            assertEquals(dt[0], dt[1], e[0] + " handled an order's " + e[1] + " twice");
        }
        assertEquals(raffled, errorBodies().size(), "one RaffleWinnerSelected per raffle order in the error queue");
    }

    /** What a failed drain leaves behind: the counts, and every error-queue message that is not a raffle winner. */
    private void printDiagnosis(int n, int raffled) {
        System.out.printf("booth: not drained: outbox rows Billing %d/%d, Shipping %d/%d, Sales %d/%d, Raffle %d/%d, "
                + "sagas %d, not dispatched %d, error queue %d (raffle winners expected %d)%n", outboxRows(billing), n,
                outboxRows(shipping), 2 * n, outboxRows(sales), 3 * n, outboxRows(raffle), raffled, sagaRows(),
                count("SELECT count(*) FROM " + schema + ".outbox WHERE NOT dispatched"), errorCount(), raffled);
        for (LocalArtemis.Received m : drainedErrors) {
            Object type = m.properties().get("NServiceBus.EnclosedMessageTypes");
            if (type == null || !String.valueOf(type).contains("RaffleWinnerSelected")) {
                System.out.println("booth: in the error queue: " + m.properties() + " "
                        + new String(m.body(), StandardCharsets.UTF_8));
            }
        }
    }

    private int outboxRows(String endpoint) {
        return count("SELECT count(*) FROM " + schema + ".outbox WHERE endpoint = '" + endpoint + "'");
    }

    boolean running(String endpoint) {
        try {
            ServiceReference<?>[] refs = fw.context().getAllServiceReferences("io.edgebus.api.Bus",
                    "(edgebus.endpoint=" + endpoint + ")");
            if (refs == null) {
                return false;
            }
            for (ServiceReference<?> r : refs) {
                if (!"RUNNING".equals(String.valueOf(fw.call(r, "state")))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** One order through ClientUI, with a fresh message id. */
    void placeOrder(String orderId, String campaign) throws Exception {
        send(new PlaceOrder(orderId, campaign), UUID.randomUUID().toString());
    }

    /** An event published by ClientUI's Bus. */
    void publish(Object event) throws Exception {
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + client + ")");
        Object bus = fw.context().getService(ref);
        try {
            bus.getClass().getMethod("publish", Object.class).invoke(bus, event);
        } finally {
            fw.context().ungetService(ref);
        }
    }

    /** ClientUI's Bus.send(message, SendOptions with the message id), by reflection into the framework. */
    private void send(Object message, String messageId) throws Exception {
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + client + ")");
        Object bus = fw.context().getService(ref);
        try {
            Class<?> options = fw.apiClass("io.edgebus.api.SendOptions");
            Object builder = options.getMethod("builder").invoke(null);
            Method setId = builder.getClass().getMethod("messageId", String.class);
            setId.setAccessible(true);
            setId.invoke(builder, messageId);
            Method build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            Object built = build.invoke(builder);
            bus.getClass().getMethod("send", Object.class, options).invoke(bus, message, built);
        } finally {
            fw.context().ungetService(ref);
        }
    }

    int sagaRows() {
        return count("SELECT count(*) FROM " + schema + ".saga");
    }

    /** A count from this run's schema, or -1 while it cannot be read (e.g. not migrated yet). */
    int count(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }

    long errorCount() {
        if (artemis != null) {
            try {
                drainedErrors.addAll(artemis.drain(errors));
                return drainedErrors.size();
            } catch (Exception e) {
                return -1;
            }
        }
        try {
            return rabbit.messageCount(errors);
        } catch (Exception e) {
            return -1;
        }
    }

    List<String> errorBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        if (artemis != null) {
            errorCount();
            drainedErrors.forEach(m -> bodies.add(new String(m.body(), StandardCharsets.UTF_8)));
            return bodies;
        }
        for (var m = rabbit.get(errors); m != null; m = rabbit.get(errors)) {
            bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Override
    public void close() throws Exception {
        if (fw != null) {
            fw.close();
        }
        if (rabbit != null) {
            rabbit.close();
            Rabbit.deleteVhost(vhost);
        }
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
