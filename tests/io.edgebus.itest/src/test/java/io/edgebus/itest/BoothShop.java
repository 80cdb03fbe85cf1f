package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;

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
    TestFramework fw;
    Rabbit rabbit;

    /** An amqp URI of the shop's broker and virtual host, for tools run as processes. */
    String amqpUri() {
        return "amqp://guest:guest@localhost:5672/" + java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
    }

    /** What was sent: every order id, the raffle ones, how many were sent twice. */
    record Orders(List<String> all, Set<String> raffle, int duplicates) {
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
        for (int i = 1; i <= salesInstances; i++) {
            endpoint(sales + "-" + i, sales, String.valueOf(i), 1, 5, salesSettings);
        }
        endpoint(billing, billing, "1", 1, 5, Map.of());
        endpoint(shipping, shipping, "1", 4, 5, Map.of());
        endpoint(raffle, raffle, "1", 1, 0, Map.of());
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
    }

    private void endpoint(String configName, String name, String instance, int concurrency, int retries,
                          Map<String, Object> settings) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("edgebus.endpoint", name, "instance", instance,
                "concurrency", concurrency, "transport.target", "(transport.name=booth)", "errorQueue", errors,
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
        try {
            return rabbit.messageCount(errors);
        } catch (Exception e) {
            return -1;
        }
    }

    List<String> errorBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
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
