package io.edgebus.benchmarks.shop;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4, acceptance 5: the whole shop (3 Sales with the PostgreSQL outbox, Billing, Shipping, each
 * a sales.jar process) on the local RabbitMQ and PostgreSQL. Prints orders completed per second with
 * every order offered at once, p50/p99 completion latency at a fixed offered rate, and the saga+outbox
 * path against plain JDBC doing the same statements in the same run. Not part of the tests.
 */
public final class ShopBenchmark {
    static final String CAMPAIGN = "BenchRaffle";

    public static void main(String[] args) throws Exception {
        ShopOptions o;
        try {
            o = ShopOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ShopOptions.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(ShopOptions.USAGE);
            return;
        }
        new ShopBenchmark().run(o);
    }

    private void run(ShopOptions o) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String vhost = "edgebus-shop-bench-" + run;
        String schema = "shopbench_" + run;
        System.out.printf("EdgeBus shop benchmark %s%nmachine: %d cores, Java %s; load average %s%n",
                LocalDateTime.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim());
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, o.user, ".*", ".*", ".*");
        Path work = Files.createTempDirectory("edgebus-shop-bench");
        Map<String, String> env = Map.of("EDGEBUS_RABBITMQ_VHOST", vhost, "EDGEBUS_PG_SCHEMA", schema,
                "EDGEBUS_PG_URL", o.pgUrl, "EDGEBUS_PG_USER", o.pgUser, "EDGEBUS_PG_PASSWORD", o.pgPassword);
        RawSagaOutbox raw = new RawSagaOutbox(o.pgUrl, o.pgUser, o.pgPassword, schema + "_raw");
        try (ShopRoles roles = new ShopRoles(o.salesJar, o.profiles, work, o.jvmFlags, env)) {
            List<String> props = List.of("-Dedgebus.booth.raffleCampaign=" + CAMPAIGN,
                    "-Dedgebus.booth.concurrency=" + o.concurrency);
            for (int n = 1; n <= o.sales; n++) {
                roles.start("sales", n, props);
            }
            roles.start("billing", 1, props);
            roles.start("shipping", 1, props);
            awaitConsumers(o, vhost, roles);
            try (OrderDriver driver = new OrderDriver(o.host, vhost, CAMPAIGN)) {
                throughput(o, driver);
                driver.reset();
                latency(o, driver);
                System.out.printf("error queue: %d message(s)%n", queueLength(o, vhost, "error"));
            }
            raw.createTables();
            double jdbc = raw.run(o.orders, o.sales + 2);
            System.out.printf(Locale.ROOT, "raw JDBC, the shop's statements (5 messages per order) on %d connections:"
                    + " %,.0f orders/s%n", o.sales + 2, jdbc);
            System.out.printf(Locale.ROOT, "ratio shop / raw JDBC: %.2f%n", shopRate / jdbc);
        } finally {
            raw.dropTables();
            rabbitmqctl("delete_vhost", vhost);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(o.pgUrl, o.pgUser, o.pgPassword)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private double shopRate;

    private void throughput(ShopOptions o, OrderDriver driver) throws Exception {
        System.out.printf("throughput: %,d orders offered at once to %d Sales (concurrency %d each)...%n",
                o.orders, o.sales, o.concurrency);
        for (int i = 1; i <= o.orders; i++) {
            driver.place();
            if (i % 500 == 0) {
                driver.flush();
            }
        }
        driver.flush();
        if (!driver.awaitCompleted(o.orders, o.timeoutSeconds)) {
            throw new IllegalStateException("only " + driver.completed() + " of " + o.orders + " orders completed in "
                    + o.timeoutSeconds + " s");
        }
        double seconds = (driver.lastCompleted() - driver.firstSent()) / 1e9;
        shopRate = o.orders / seconds;
        System.out.printf(Locale.ROOT, "shop: %,.0f orders/s completed (%,d in %.1f s)%n", shopRate, o.orders, seconds);
    }

    private void latency(ShopOptions o, OrderDriver driver) throws Exception {
        System.out.printf("latency: %d orders at %d orders/s...%n", o.latencyOrders, o.rate);
        long interval = TimeUnit.SECONDS.toNanos(1) / o.rate;
        long next = System.nanoTime();
        for (int i = 0; i < o.latencyOrders; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            driver.place();
            driver.flush();
            next += interval;
        }
        if (!driver.awaitCompleted(o.latencyOrders, o.timeoutSeconds)) {
            throw new IllegalStateException("only " + driver.completed() + " of " + o.latencyOrders + " completed");
        }
        double[] ms = driver.latenciesMs();
        System.out.printf(Locale.ROOT, "completion latency at %d orders/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                o.rate, percentile(ms, 50), percentile(ms, 99), ms[ms.length - 1]);
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void awaitConsumers(ShopOptions o, String vhost, ShopRoles roles) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(consumers(o, vhost, "Sales") >= o.sales && consumers(o, vhost, "Billing") >= 1
                && consumers(o, vhost, "Shipping") >= 1)) {
            if (!roles.allAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the roles did not start consuming within 120 s");
            }
            Thread.sleep(250);
        }
    }

    private static long consumers(ShopOptions o, String vhost, String queue) {
        return passive(o, vhost, queue, true);
    }

    private static long queueLength(ShopOptions o, String vhost, String queue) {
        return passive(o, vhost, queue, false);
    }

    private static long passive(ShopOptions o, String vhost, String queue, boolean consumers) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(o.host);
        f.setVirtualHost(vhost);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            var ok = ch.queueDeclarePassive(queue);
            return consumers ? ok.getConsumerCount() : ok.getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
