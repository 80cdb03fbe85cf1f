package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, F34: the booth's hybrid topology as ./booth runs it with RabbitMQ — Sales and ClientUI on
 * RabbitMQ (a virtual host of the run's own), Billing, Shipping and Raffle on local-services' embedded
 * AMQP 1.0 broker through the Azure Service Bus transport, and `bin/role bridge` between them; every
 * role a sales.jar process started by bin/role with EDGEBUS_TOPOLOGY=hybrid. ClientUI's orders must
 * complete exactly once across the bridge.
 */
class HybridBoothIT {
    private static final Path LOCAL_SERVICES = Path.of(System.getProperty("edgebus.local.services", "../../local-services/target"));
    private static final List<String> BACKEND = List.of("billing", "shipping", "raffle", "sales 1");
    private static final Map<String, String> ENDPOINTS = Map.of("billing", "Billing", "shipping", "Shipping",
            "raffle", "Raffle", "sales 1", "Sales", "client", "ClientUI");
    private static final int ORDERS = 6;

    @Test
    void ordersCrossTheBridgeAndCompleteExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String vhost = "edgebus-it-hybrid-" + run;
        String schema = "hybridit_" + run;
        Path home = TestFramework.tempDir();
        Path runDir = Files.createDirectories(home.resolve("run/booth"));
        Process launcher = startBroker(runDir, home.resolve("local-services.out"));
        Rabbit.addVhost(vhost);
        Map<String, String> env = new HashMap<>(BoothRoles.servicesEnv(runDir, launcher, home.resolve("local-services.out")));
        env.put("EDGEBUS_TOPOLOGY", "hybrid");
        env.put("EDGEBUS_RABBITMQ_VHOST", vhost);
        env.put("EDGEBUS_PG_URL", BoothShop.PG_URL);
        env.put("EDGEBUS_PG_USER", "postgres");
        env.put("EDGEBUS_PG_SCHEMA", schema);
        try (BoothRoles roles = new BoothRoles(home, env)) {
            long start = System.nanoTime();
            for (String role : BACKEND) {
                roles.start(role);
            }
            roles.start("bridge");
            for (String role : BACKEND) {
                await(role + " running", 120, () -> roles.running(role, ENDPOINTS.get(role)));
            }
            await("the bridge running", 120, () -> roles.log("bridge").contains("bridge booth: running between"));
            roles.start("client");
            await("ClientUI placed " + ORDERS + " orders", 120, () -> sent(roles) >= ORDERS);
            assertTrue(roles.stop("client", 60), "ClientUI stops on SIGTERM");
            int sent = sent(roles);
            await("every placed order completed across the bridge", 120, () -> {
                int billed = inbox(schema, "Billing");
                return billed >= sent && inbox(schema, "Shipping") == 2 * billed && inbox(schema, "Sales") == 3 * billed
                        && ShopChecks.count("SELECT count(*) FROM " + schema + ".saga") == 0;
            });
            Thread.sleep(2000); // a second effect would arrive within this
            int billed = inbox(schema, "Billing");
            System.out.printf("hybrid booth: %d orders across the bridge, completed %.1f s after the roles started%n",
                    billed, (System.nanoTime() - start) / 1e9);
            // ClientUI counts an order once the broker confirmed it; SIGTERM can end the one being confirmed.
            assertTrue(billed == sent || billed == sent + 1, "Billing handled " + billed + " OrderPlaced for " + sent + " orders");
            assertEquals(2 * billed, inbox(schema, "Shipping"), "Shipping: OrderPlaced and OrderBilled once per order");
            assertEquals(3 * billed, inbox(schema, "Sales"), "Sales: PlaceOrder, OrderBilled, OrderShipped once per order");
            assertTrue(roles.log("billing").contains("AMQP 1.0") || Files.readString(roles.output("billing")).contains("AMQP 1.0"),
                    "Billing ran on the AMQP 1.0 side");
            assertEquals(List.of(), roles.stopAll(60), "roles that did not stop on SIGTERM");
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
            launcher.destroyForcibly();
            Rabbit.deleteVhost(vhost);
            try (var c = DriverManager.getConnection(BoothShop.PG_URL, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** local-services with its broker only: the database is the machine's PostgreSQL, as ./booth does. */
    private static Process startBroker(Path run, Path out) throws Exception {
        Path jar = LOCAL_SERVICES.resolve("local-services.jar");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                jar.toAbsolutePath() + File.pathSeparator + LOCAL_SERVICES.toAbsolutePath().resolve("lib") + "/*",
                "io.edgebus.localservices.LocalServices", "--dir", run.toString(), "--broker-port", "0", "--postgres-port", "off")
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private static int sent(BoothRoles roles) {
        return (int) roles.log("client").lines().filter(l -> l.startsWith("sent ")).count();
    }

    private static int inbox(String schema, String endpoint) {
        return ShopChecks.count("SELECT count(*) FROM " + schema + ".outbox WHERE endpoint = '" + endpoint + "'");
    }
}
