package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.framework.ServiceReference;

/**
 * The booth shop for acceptance tests: unique endpoint, queue and schema names per run, and a real
 * framework with the shop bundles configured the way the distro profiles configure them. Orders go in
 * through {@link #clientUi}; {@link #checks} reads what the database and the error queue say
 * afterwards. Shared by BoothShopIT (everything in one framework) and SalesKillDrillIT (Sales as
 * separate processes).
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
    final String bridgeName = "booth-" + run;
    TestFramework fw;
    Rabbit rabbit;
    /** Set in bridged mode: Billing, Shipping and Raffle live on this AMQP 1.0 broker, through the bridge. */
    LocalArtemis artemis;
    /** Bridged mode: false when the bridge runs as a process of its own ({@link BridgeProcess}). */
    boolean bridgeInFramework = true;
    final ClientUi clientUi = new ClientUi(this);
    final ShopChecks checks = new ShopChecks(this);

    /** An amqp URI of the shop's broker and virtual host, for tools run as processes. */
    String amqpUri() {
        return "amqp://guest:guest@localhost:5672/" + java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
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
        Map<String, Object> c = new HashMap<>(Map.of("bridge.name", bridgeName,
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
