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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Issue 4, acceptance 1, with every endpoint in one real framework on the real RabbitMQ and
 * PostgreSQL: ClientUI sends orders (3 in 10 twice with the same message id, a known subset for the
 * raffle) to three competing Sales instances with the outbox; Billing, Shipping and Raffle handle
 * what follows. Counted through an invoke behaviour on each endpoint.
 */
class BoothShopIT {
    private static final int ORDERS = Integer.getInteger("booth.orders", 2000);
    private static final String RAFFLE = "ItRaffle2026";
    private static final String PG_URL = "jdbc:postgresql://localhost:5432/postgres";

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String sales = "Sales-" + run;
    private final String billing = "Billing-" + run;
    private final String shipping = "Shipping-" + run;
    private final String raffle = "Raffle-" + run;
    private final String client = "ClientUI-" + run;
    private final String errors = "BoothErrors-" + run;
    private final String schema = "boothit_" + run.replace('-', '_');
    private TestFramework fw;
    private Rabbit rabbit;

    @AfterEach
    void cleanUp() throws Exception {
        if (fw != null) {
            fw.close();
        }
        if (rabbit != null) {
            for (String q : List.of(sales, billing, shipping, raffle, client, errors)) {
                rabbit.deleteQueue(q);
            }
            rabbit.close();
        }
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void everyOrderCompletesExactlyOnceWithDuplicatesAndThreeCompetingSalesInstances() throws Exception {
        rabbit = new Rabbit();
        rabbit.declareQueue(errors);
        fw = new TestFramework(TestFramework.tempDir(), Map.of(), List.of("postgresql-",
                "io.edgebus.persistence.postgres", "io.edgebus.booth.contracts", "io.edgebus.booth.sales",
                "io.edgebus.booth.billing", "io.edgebus.booth.shipping", "io.edgebus.booth.raffle"));
        configure();
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(sales, billing, shipping, raffle)) {
            counter.watch(fw, e);
        }

        Random random = new Random(42);
        List<String> orders = new ArrayList<>();
        Set<String> raffleOrders = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < ORDERS; i++) {
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
        System.out.printf("booth: %d orders sent, %d sent twice, %d in the raffle%n", ORDERS, duplicates,
                raffleOrders.size());

        long start = System.nanoTime();
        await("all orders billed, shipped and completed", 600, () -> counter.distinctAndTotal(billing, "OrderPlaced")[0] == ORDERS
                && counter.distinctAndTotal(shipping, "OrderPlaced")[0] == ORDERS && sagaRows() == 0
                && counter.distinctAndTotal(raffle, "RaffleOrderCompleted")[0] == raffleOrders.size()
                && errorCount() >= raffleOrders.size());
        System.out.printf("booth: drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000); // a second effect would arrive within this

        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(billing, "OrderPlaced"), "Billing");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(shipping, "OrderPlaced"), "Shipping");
        assertArrayEquals(new int[] {ORDERS, ORDERS}, counter.distinctAndTotal(sales, "PlaceOrder"),
                "each PlaceOrder handled once: duplicates deduplicated by the inbox");
        for (String orderId : orders) {
            assertEquals(raffleOrders.contains(orderId) ? 1 : 0, counter.count(raffle, "RaffleOrderCompleted", orderId));
        }
        assertEquals(0, sagaRows(), "every saga completed and its row deleted");
        List<String> winners = errorBodies();
        assertEquals(raffleOrders.size(), winners.size(), "one RaffleWinnerSelected per raffle order in the error queue");
        for (String body : winners) {
            assertTrue(body.contains("\"winner\":\""), body);
            assertTrue(raffleOrders.stream().anyMatch(body::contains), body);
        }
    }

    private void configure() throws Exception {
        fw.configure("io.edgebus.transport.rabbitmq", "booth", Map.of("transport.name", "booth",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.persistence.postgres", "booth", Map.of("persistence.name", "booth",
                "jdbcUrl", PG_URL, "username", "postgres", "schema", schema, "poolSize", 8));
        for (int i = 1; i <= 3; i++) {
            endpoint(sales + "-" + i, sales, String.valueOf(i), 1, 5);
        }
        endpoint(billing, billing, "1", 1, 5);
        endpoint(shipping, shipping, "1", 4, 5);
        endpoint(raffle, raffle, "1", 1, 0);
        fw.configure("io.edgebus.endpoint", client, Map.of("edgebus.endpoint", client,
                "transport.target", "(transport.name=booth)", "errorQueue", errors,
                "routes", new String[] {"io.edgebus.booth.contracts.PlaceOrder=" + sales}));
        fw.configure("io.edgebus.booth.sales.OrderSaga", null, Map.of("edgebus.endpoint", sales, "raffleCampaign", RAFFLE));
        fw.configure("io.edgebus.booth.billing.BillOrder", null, Map.of("edgebus.endpoint", billing));
        fw.configure("io.edgebus.booth.shipping.ShipOrder", null, Map.of("edgebus.endpoint", shipping));
        fw.configure("io.edgebus.booth.shipping.NoteBilled", null, Map.of("edgebus.endpoint", shipping));
        fw.configure("io.edgebus.booth.raffle", null, Map.of("edgebus.endpoint", raffle,
                "participants", new String[] {"Ada Lovelace", "Grace Hopper", "Linus Torvalds"}, "revealMode", "fail"));
        for (String e : List.of(sales, billing, shipping, raffle, client)) {
            await(e + " running", 60, () -> running(e));
        }
    }

    private void endpoint(String configName, String name, String instance, int concurrency, int retries) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("edgebus.endpoint", name, "instance", instance,
                "concurrency", concurrency, "transport.target", "(transport.name=booth)", "errorQueue", errors,
                "persistence.target", "(persistence.name=booth)", "outbox", true, "immediateRetries", retries));
        // The raffle's winner fails on purpose and belongs in the error queue at once, as in its profile.
        p.put("delayedRetries", retries == 0 ? 0 : 3);
        fw.configure("io.edgebus.endpoint", configName, p);
    }

    private boolean running(String endpoint) {
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

    private int sagaRows() {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + schema + ".saga")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private long errorCount() {
        try {
            return rabbit.messageCount(errors);
        } catch (Exception e) {
            return -1;
        }
    }

    private List<String> errorBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (var m = rabbit.get(errors); m != null; m = rabbit.get(errors)) {
            bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
