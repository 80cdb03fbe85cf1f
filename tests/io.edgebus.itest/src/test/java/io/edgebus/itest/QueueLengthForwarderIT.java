package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 6, acceptance 5: the queue-length forwarder bundle in a real framework reads the real
 * RabbitMQ's management API (a virtual host of this run, Sales 37 and ClientUI 5 messages) and sends
 * its reports through the Azure Service Bus transport to an embedded Artemis, where they arrive every
 * 5 s with the counts rabbitmqctl shows, and follow a change. A second configuration points at a
 * virtual host that does not exist yet (404): it keeps polling, says so once, and reports once the host
 * appears. Both read as a user of this run with only the monitoring tag, whose password is never logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueLengthForwarderIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String VHOST = "qlf-it-" + RUN;
    private static final String LATE_VHOST = "qlf-it-late-" + RUN;
    private static final String MONITORING = "Particular.Monitoring";
    /** A RabbitMQ user of this run with only the monitoring tag and no rights on the queues. */
    private static final String USER = "qlf-it-" + RUN;
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalArtemis artemis;
    private static TestFramework fw;
    private static Rabbit rabbit;
    private static boolean lateVhostCreated;
    private static final List<Received> reports = new CopyOnWriteArrayList<>();
    /** Everything logged during the run (slf4j-simple writes to System.err), to look for the password. */
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private static PrintStream originalErr;

    record Received(long nanos, Map<String, Object> headers, JsonNode body) {
        long count(String queue) {
            for (JsonNode q : body.get("Queues")) {
                if (q.get("Queue").asText().equals(queue)) {
                    return q.get("Messages").asLong();
                }
            }
            return -2;
        }

        String vhost() {
            return body.get("VirtualHost").asText();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true));
        RabbitManagement.addVirtualHost(VHOST);
        RabbitManagement.addUser(USER, PASSWORD, "monitoring");
        RabbitManagement.permit(VHOST, USER, "");
        rabbit = new Rabbit(VHOST);
        rabbit.declareQueue("Sales");
        rabbit.declareQueue("ClientUI");
        fill("Sales", 37);
        fill("ClientUI", 5);
        artemis = new LocalArtemis();
        artemis.consume(MONITORING, (body, headers) ->
                reports.add(new Received(System.nanoTime(), headers, JSON.readTree(body))));
        List<String> bundles = new ArrayList<>(AsbEndpointIT.ASB_BUNDLES);
        bundles.add("io.edgebus.monitoring.queuelength");
        fw = new TestFramework(TestFramework.tempDir(), Map.of(), bundles);
        fw.configure("io.edgebus.transport.asb", "qlf", Map.of("transport.name", "asb-qlf",
                "brokerUri", artemis.uri(), "recoveryMaxDelayMs", 1_000L));
        forwarder("main", VHOST, new String[] {"Sales", "ClientUI"});
        forwarder("late", LATE_VHOST, new String[] {"Billing"});
    }

    private static void forwarder(String name, String vhost, String[] queues) throws Exception {
        fw.configure("io.edgebus.monitoring.queuelength", name, Map.of("managementUrl", "http://localhost:15672",
                "vhost", vhost, "username", USER, ".password", PASSWORD, "queues", queues,
                "transport.target", "(transport.name=asb-qlf)"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
        if (artemis != null) {
            artemis.close();
        }
        if (rabbit != null) {
            rabbit.close();
        }
        RabbitManagement.deleteVirtualHost(VHOST);
        if (lateVhostCreated) {
            RabbitManagement.deleteVirtualHost(LATE_VHOST);
        }
        RabbitManagement.deleteUser(USER);
        System.setErr(originalErr);
    }

    @Test
    @Order(1)
    void reportsArriveEvery5sWithTheCountsOfRabbitmqctlAndFollowAChange() throws Exception {
        Map<String, Long> broker = awaitBroker(Map.of("Sales", 37L, "ClientUI", 5L));
        // The management API serves the broker's statistics, first collected up to 5 s after a queue appears.
        await("a report with Sales 37, ClientUI 5", 30, () -> last(VHOST) != null
                && last(VHOST).count("Sales") == 37 && last(VHOST).count("ClientUI") == 5);
        int from = main().size() - 1;
        await("three more reports", 30, () -> main().size() >= from + 4);
        List<Received> run = main().subList(from, from + 4);
        List<Long> gapsMs = new ArrayList<>();
        for (int i = 1; i < run.size(); i++) {
            gapsMs.add((run.get(i).nanos() - run.get(i - 1).nanos()) / 1_000_000);
        }
        System.out.println("queue-length reports arrived " + gapsMs + " ms apart");
        for (long gap : gapsMs) {
            assertTrue(Math.abs(gap - 5_000) <= 1_000, "reports " + gapsMs + " ms apart, wanted 5000 ± 1000");
        }
        for (Received r : run) {
            assertEquals(broker, Map.of("Sales", r.count("Sales"), "ClientUI", r.count("ClientUI")));
        }
        Received one = run.get(0);
        assertEquals("EdgeBus.Monitoring.QueueLengthReport", one.headers().get("NServiceBus.EnclosedMessageTypes"));
        assertEquals("Send", one.headers().get("NServiceBus.MessageIntent"));
        assertEquals("QueueLengthForwarder", one.headers().get("NServiceBus.OriginatingEndpoint"));
        assertEquals("00:00:20", one.headers().get("NServiceBus.TimeToBeReceived"));
        assertEquals(List.of(), JSON.convertValue(one.body().get("MissingQueues"), List.class));

        // The second forwarder's virtual host appears now: it has been polling (404) all along.
        RabbitManagement.addVirtualHost(LATE_VHOST);
        lateVhostCreated = true;
        RabbitManagement.permit(LATE_VHOST, USER, "");
        try (Rabbit late = new Rabbit(LATE_VHOST)) {
            late.declareQueue("Billing");
        }

        // Change counts: ClientUI 5 → 13, Sales 37 → 30.
        fill("ClientUI", 8);
        for (int i = 0; i < 7; i++) {
            assertTrue(rabbit.get("Sales") != null);
        }
        long changed = System.nanoTime();
        Map<String, Long> after = awaitBroker(Map.of("Sales", 30L, "ClientUI", 13L));
        int before = main().size();
        // Within the broker's statistics interval (5 s) plus one poll interval (5 s), and then it stays.
        await("a report with Sales 30, ClientUI 13", 13, () -> main().size() > before
                && last(VHOST).count("Sales") == 30 && last(VHOST).count("ClientUI") == 13);
        Received followed = last(VHOST);
        System.out.printf("the change showed in report %d after it, %d ms after the change%n",
                main().size() - before, (followed.nanos() - changed) / 1_000_000);
        await("a report of the late virtual host with Billing 0", 20,
                () -> last(LATE_VHOST) != null && last(LATE_VHOST).count("Billing") == 0);
        List<Received> later = main().subList(main().indexOf(followed), main().size());
        for (Received r : later) {
            assertEquals(after, Map.of("Sales", r.count("Sales"), "ClientUI", r.count("ClientUI")), "stays changed");
        }
    }

    @Test
    @Order(2)
    void deletingTheConfigurationsStopsPollingAndEndsTheForwardersThreads() throws Exception {
        assertEquals(3, artemis.connectionCount(), "the test's and one per forwarder");
        fw.deleteConfiguration("io.edgebus.monitoring.queuelength", "main");
        fw.deleteConfiguration("io.edgebus.monitoring.queuelength", "late");
        await("the forwarder threads ended", 15, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("edgebus-queuelength-")));
        // The poll threads are gone, so no report can follow; their AMQP connections are closed.
        await("the forwarders' connections closed", 15, () -> artemis.connectionCount() == 1);

        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains(PASSWORD), "the password was logged");
        String notFound = "answered 404 for virtual host '" + LATE_VHOST + "'";
        assertEquals(1, logged.split(java.util.regex.Pattern.quote(notFound), -1).length - 1,
                "the 404 of the late virtual host is logged once, though polled every 5 s until it appeared");
    }

    private static List<Received> main() {
        return reports.stream().filter(r -> r.vhost().equals(VHOST)).toList();
    }

    private static Received last(String vhost) {
        Received found = null;
        for (Received r : reports) {
            if (r.vhost().equals(vhost)) {
                found = r;
            }
        }
        return found;
    }

    private static void fill(String queue, int count) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        for (int i = 0; i < count; i++) {
            rabbit.channel().basicPublish("", queue, true, props, "x".getBytes(StandardCharsets.UTF_8));
        }
        rabbit.awaitConfirms();
    }

    /**
     * What rabbitmqctl shows, once it shows the expected counts: it reads a quorum queue's length from
     * the broker's metrics too, which lag the publishes by up to a few seconds.
     */
    private static Map<String, Long> awaitBroker(Map<String, Long> expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, Long> shown = listQueues(VHOST);
        while (!shown.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            shown = listQueues(VHOST);
        }
        assertEquals(expected, shown, "rabbitmqctl list_queues -p " + VHOST);
        return shown;
    }

    /** Queue name → messages (ready + unacknowledged) as {@code rabbitmqctl list_queues -p} shows them. */
    private static Map<String, Long> listQueues(String vhost) throws Exception {
        Map<String, Long> result = new HashMap<>();
        for (String line : Rabbit.rabbitmqctl("list_queues", "-p", vhost, "-q", "--no-table-headers", "name",
                "messages")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2) {
                result.put(cols[0], Long.parseLong(cols[1]));
            }
        }
        return result;
    }

    /** Writes to the console and into the captured log. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        TeeOutputStream(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
