package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, the self-contained default: the booth with no RabbitMQ and no PostgreSQL of the machine.
 * local-services (embedded Artemis + embedded PostgreSQL, as ./booth runs it from
 * local-services/target) on free ports; Sales ×2, Billing, Shipping, Raffle and ClientUI each a
 * sales.jar process started by bin/role with EDGEBUS_BUS=amqp; ClientUI places orders at its default
 * rate (1/s) until stopped, and the test sends two raffle orders itself. Every order must complete: Billing and Shipping handle each order's
 * messages once, Sales its three, no saga row is left, and only the raffle winners' messages fail (on purpose). RabbitMQ's port is pointed at
 * a closed one, so a role that used it could not start. The generated passwords appear in no role's log.
 */
class SelfContainedBoothIT {
    private static final Path LOCAL_SERVICES = Path.of(System.getProperty("edgebus.local.services", "../../local-services/target"));
    private static final List<String> BACKEND = List.of("billing", "shipping", "raffle", "sales 1", "sales 2");
    private static final Map<String, String> ENDPOINTS = Map.of("billing", "Billing", "shipping", "Shipping",
            "raffle", "Raffle", "sales 1", "Sales", "sales 2", "Sales", "client", "ClientUI");
    private static final int ORDERS = 8;
    /** The raffle campaign of the booth profiles (edgebus.booth.raffleCampaign's default). */
    private static final String PROFILE_RAFFLE = "TechoramaBE2026";

    @Test
    void ordersCompleteExactlyOnceOnTheEmbeddedBrokerAndDatabase() throws Exception {
        Path home = TestFramework.tempDir();
        Path run = Files.createDirectories(home.resolve("run/booth"));
        Process launcher = startLauncher(run, home.resolve("local-services.out"));
        try (BoothRoles roles = new BoothRoles(home, settings(run, launcher, home))) {
            long start = System.nanoTime();
            for (String role : BACKEND) {
                roles.start(role);
            }
            for (String role : BACKEND) {
                await(role + " running", 120, () -> roles.running(role, ENDPOINTS.get(role)));
            }
            // ClientUI only now: an OrderPlaced published before Billing's subscription existed would reach no one.
            roles.start("client");
            await("ClientUI placed " + ORDERS + " orders", 120, () -> sent(roles) >= ORDERS);
            assertTrue(roles.stop("client", 60), "ClientUI stops on SIGTERM");
            Map<String, String> env = settings(run, launcher, home);
            // Raffle orders (ClientUI's default campaign is Website), sent as a foreign AMQP 1.0 client would.
            List<String> raffleOrders = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
            for (String orderId : raffleOrders) {
                sendPlaceOrder(env, orderId, PROFILE_RAFFLE);
            }
            int sent = sent(roles) + raffleOrders.size();
            await("every placed order completed", 120, () -> {
                int billed = inbox(env, "Billing");
                return billed >= sent && inbox(env, "Shipping") == 2 * billed && inbox(env, "Sales") == 3 * billed
                        && count(env, "SELECT count(*) FROM booth.saga") == 0
                        && count(env, "SELECT count(*) FROM booth.outbox WHERE NOT dispatched") == 0;
            });
            Thread.sleep(2000); // a second effect would arrive within this
            System.out.printf("self-contained booth: %d orders (ClientUI's and 2 raffle orders), all completed %.1f s after the roles started%n",
                    sent, (System.nanoTime() - start) / 1e9);
            int billed = inbox(env, "Billing");
            // ClientUI counts an order once the broker confirmed it; SIGTERM can end the one being confirmed.
            assertTrue(billed == sent || billed == sent + 1, "Billing handled " + billed + " OrderPlaced for " + sent + " orders");
            assertEquals(2 * billed, inbox(env, "Shipping"), "Shipping: OrderPlaced and OrderBilled once per order");
            assertEquals(3 * billed, inbox(env, "Sales"), "Sales: PlaceOrder, OrderBilled, OrderShipped once per order");
            assertEquals(0, count(env, "SELECT count(*) FROM booth.saga"), "every saga completed and its row deleted");
            // Raffle's reveal mode "fail": each winner's message ends in the error queue on purpose (F20); nothing else does.
            await("a RaffleWinnerSelected per raffle order in the error queue", 60,
                    () -> errorBodies(env).size() >= raffleOrders.size());
            List<String> errors = errorBodies(env);
            assertEquals(raffleOrders.size(), errors.size(), "only the raffle winners failed: " + errors);
            for (String orderId : raffleOrders) {
                assertEquals(1, errors.stream().filter(b -> b.contains(orderId) && b.contains("\"winner\":\"")).count(), orderId);
            }

            assertEquals(List.of(), roles.stopAll(60), "roles that did not stop on SIGTERM");
            for (String role : ENDPOINTS.keySet()) {
                String log = roles.log(role) + Files.readString(roles.output(role));
                assertTrue(log.lines().count() > 10, role + " logged");
                for (String secret : List.of(env.get("EDGEBUS_AMQP_PASSWORD"), env.get("EDGEBUS_PG_PASSWORD"))) {
                    assertTrue(!log.contains(secret), "a generated password in the log of " + role);
                }
            }
        } finally {
            launcher.destroy();
            boolean ended = launcher.waitFor(60, TimeUnit.SECONDS);
            launcher.destroyForcibly();
            assertTrue(ended, "local-services stops on SIGTERM");
        }
        String out = Files.readString(home.resolve("local-services.out"));
        assertTrue(out.contains("[local-services] PostgreSQL stopped") && out.contains("[local-services] AMQP 1.0 broker stopped"), out);
    }

    private static Process startLauncher(Path run, Path out) throws Exception {
        Path jar = LOCAL_SERVICES.resolve("local-services.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: build it with mvn verify -pl local-services");
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                jar.toAbsolutePath() + File.pathSeparator + LOCAL_SERVICES.toAbsolutePath().resolve("lib") + "/*",
                "io.edgebus.localservices.LocalServices", "--dir", run.toString(), "--broker-port", "0", "--postgres-port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** services.env as the booth sources it, plus RabbitMQ pointed at a port where nothing listens. */
    private static Map<String, String> settings(Path run, Process launcher, Path home) throws Exception {
        Map<String, String> settings = new HashMap<>(BoothRoles.servicesEnv(run, launcher, home.resolve("local-services.out")));
        assertEquals("amqp", settings.get("EDGEBUS_BUS"));
        settings.put("EDGEBUS_RABBITMQ_PORT", Integer.toString(BoothRoles.freePort()));
        return Collections.unmodifiableMap(settings);
    }

    private static int sent(BoothRoles roles) {
        return (int) roles.log("client").lines().filter(l -> l.startsWith("sent ")).count();
    }

    /** Incoming messages an endpoint handled: its inbox/outbox has one row per message id. */
    private static int inbox(Map<String, String> env, String endpoint) {
        return count(env, "SELECT count(*) FROM booth.outbox WHERE endpoint = '" + endpoint + "'");
    }

    private static int count(Map<String, String> env, String sql) {
        try (var c = DriverManager.getConnection(env.get("EDGEBUS_PG_URL"), env.get("EDGEBUS_PG_USER"), env.get("EDGEBUS_PG_PASSWORD"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1; // not migrated yet
        }
    }

    /** The bodies in the error queue, browsed (left in place). */
    private static List<String> errorBodies(Map<String, String> env) {
        try (Connection c = connect(env); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            List<String> bodies = new java.util.ArrayList<>();
            for (Object m : Collections.list(s.createBrowser(s.createQueue("error")).getEnumeration())) {
                bodies.add(new String(((Message) m).getBody(byte[].class), StandardCharsets.UTF_8));
            }
            return bodies;
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A PlaceOrder with the NServiceBus headers as application properties, the JSON body as bytes. */
    private static void sendPlaceOrder(Map<String, String> env, String orderId, String campaign) throws Exception {
        try (Connection c = connect(env); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(("{\"orderId\":\"" + orderId + "\",\"campaign\":\"" + campaign + "\"}").getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("NServiceBus.MessageId", UUID.randomUUID().toString());
            m.setStringProperty("NServiceBus.EnclosedMessageTypes", "io.edgebus.booth.contracts.PlaceOrder");
            m.setStringProperty("NServiceBus.ContentType", "application/json");
            m.setStringProperty("NServiceBus.MessageIntent", "Send");
            s.createProducer(s.createQueue("Sales")).send(m);
        }
    }

    private static Connection connect(Map<String, String> env) throws Exception {
        // NServiceBus header names contain dots, which JMS property names may not: the check is off.
        Connection c = new JmsConnectionFactory(env.get("EDGEBUS_AMQP_URI") + "?jms.validatePropertyNames=false")
                .createConnection(env.get("EDGEBUS_AMQP_USER"), env.get("EDGEBUS_AMQP_PASSWORD"));
        c.start();
        return c;
    }
}
