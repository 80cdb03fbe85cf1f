package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge bundle alone in a real framework between the real RabbitMQ (a vhost of this run) and an
 * embedded Artemis: what a proxy forwards keeps its body, id and headers; a message larger than the
 * target takes goes to the source side's error queue with the reason; a repeated id is dropped and
 * counted; a configuration update adds a proxy without restarting the bridge; the runtime's Prometheus
 * endpoint serves the bridge's figures.
 */
class BridgeForwardingIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String VHOST = "edgebus-it-bridge-" + RUN;
    private static final String ONE = "BridgeOne-" + RUN;
    private static final String TWO = "BridgeTwo-" + RUN;
    private static final String ERRORS = "BridgeErrors-" + RUN;
    /** Configured on side A, but no such queue exists there: nothing can be delivered to it. */
    private static final String GHOST = "BridgeGhost-" + RUN;

    private static LocalArtemis artemis;
    private static Rabbit rabbit;
    private static TestFramework fw;

    @BeforeAll
    static void start() throws Exception {
        Rabbit.addVhost(VHOST);
        rabbit = new Rabbit(VHOST);
        artemis = new LocalArtemis();
        List<String> bundles = new ArrayList<>(AsbEndpointIT.ASB_BUNDLES);
        bundles.add("io.edgebus.bridge");
        bundles.add("io.edgebus.monitoring.prometheus");
        fw = new TestFramework(TestFramework.tempDir(), Map.of(), bundles);
        fw.configure("io.edgebus.transport.rabbitmq", "a", Map.of("transport.name", "side-a", "host", "localhost",
                "virtualHost", VHOST, "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.transport.asb", "b", Map.of("transport.name", "side-b", "brokerUri", artemis.uri()));
        fw.configure("io.edgebus.bridge", "it", bridge(ONE));
        await("the proxy queue on RabbitMQ", 60, () -> exists(ONE));
    }

    private static Map<String, Object> bridge(String... sideB) {
        return Map.of("bridge.name", "it-" + RUN, "transportA.target", "(transport.name=side-a)",
                "transportB.target", "(transport.name=side-b)", "sideB.endpoints", sideB,
                "sideA.endpoints", new String[] {GHOST}, "sideA.errorQueue", ERRORS,
                "sideB.errorQueue", ERRORS);
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
            Rabbit.deleteVhost(VHOST);
        }
    }

    @Test
    void aForwardedMessageKeepsItsBodyIdAndEveryHeader() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] body = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
        send(ONE, id, body, Map.of("NServiceBus.ReplyToAddress", "Sales", "NServiceBus.ConversationId", "conv-1",
                "Custom.Header", "kept"));
        List<LocalArtemis.Received> got = arrived(ONE, 1);
        assertArrayEquals(body, got.get(0).body());
        Map<String, Object> p = got.get(0).properties();
        assertEquals(id, p.get("NServiceBus.MessageId"));
        assertEquals("Sales", p.get("NServiceBus.ReplyToAddress"), "the reply goes to the sender's proxy of the same name");
        assertEquals("conv-1", p.get("NServiceBus.ConversationId"));
        assertEquals("kept", p.get("Custom.Header"));
        assertEquals("Send", p.get("NServiceBus.MessageIntent"));
    }

    @Test
    void aMessageLargerThanTheTargetTakesGoesToTheSourceErrorQueueWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        long errorsBefore = metrics().get(0).errors();
        send(ONE, id, new byte[300_000], Map.of());
        await("in the side A error queue", 30, () -> count(ERRORS) > 0);
        var failed = rabbit.get(ERRORS);
        Map<String, Object> h = failed.getProps().getHeaders();
        assertEquals(id, String.valueOf(h.get("NServiceBus.MessageId")));
        assertEquals(ONE, String.valueOf(h.get("NServiceBus.FailedQ")));
        String reason = String.valueOf(h.get("EdgeBus.Bridge.FailureReason"));
        assertTrue(reason.contains("larger than side B") && reason.contains("262144"), reason);
        assertEquals(300_000, failed.getBody().length);
        assertEquals(errorsBefore + 1, metrics().get(0).errors());
        assertEquals(0, artemis.drain(ONE).size(), "nothing left for the target");
    }

    @Test
    void aMessageTheTargetRefusesGoesToTheSourceErrorQueueWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        artemis.send(GHOST, new byte[] {4}, Map.of("NServiceBus.MessageId", id, "NServiceBus.MessageIntent", "Send"));
        List<LocalArtemis.Received> failed = arrived(ERRORS, 1);
        Map<String, Object> p = failed.get(0).properties();
        assertEquals(id, p.get("NServiceBus.MessageId"));
        assertEquals(GHOST, p.get("NServiceBus.FailedQ"));
        String reason = String.valueOf(p.get("EdgeBus.Bridge.FailureReason"));
        assertTrue(reason.contains("side A (side-a) refused it"), reason);
        assertEquals(1, metrics().get(1).errors());
    }

    @Test
    void aRepeatedMessageIdIsForwardedOnceAndCounted() throws Exception {
        String id = UUID.randomUUID().toString();
        long hitsBefore = metrics().get(0).dedupHits();
        send(ONE, id, new byte[] {1}, Map.of());
        arrived(ONE, 1);
        send(ONE, id, new byte[] {1}, Map.of());
        await("the dedup hit", 30, () -> metrics().get(0).dedupHits() == hitsBefore + 1);
        assertEquals(0, artemis.drain(ONE).size());
    }

    @Test
    void aConfigurationUpdateAddsAProxyWithoutRestartingTheBridge() throws Exception {
        send(ONE, UUID.randomUUID().toString(), new byte[] {2}, Map.of());
        arrived(ONE, 1);
        long forwarded = metrics().get(0).forwarded();
        fw.configure("io.edgebus.bridge", "it", bridge(ONE, TWO));
        await("the new proxy queue", 60, () -> exists(TWO));
        send(TWO, UUID.randomUUID().toString(), new byte[] {3}, Map.of());
        arrived(TWO, 1);
        assertEquals(forwarded + 1, metrics().get(0).forwarded(), "the counters went on: the bridge was not restarted");
    }

    @Test
    void thePrometheusEndpointServesTheBridgeFigures() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        fw.configure("io.edgebus.monitoring.prometheus", null, Map.of("port", port, "bindAddress", "127.0.0.1"));
        try {
            send(ONE, UUID.randomUUID().toString(), new byte[] {5}, Map.of());
            arrived(ONE, 1);
            String aToB = "{bridge=\"it-" + RUN + "\",from=\"A(side-a)\",to=\"B(side-b)\"";
            String[] text = new String[1];
            await("the scraped forwarded count equals the bridge's own", 30, () -> {
                long forwarded = metrics().get(0).forwarded();
                try {
                    text[0] = PlatformMonitoringIT.scrape(port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return forwarded > 0 && text[0].contains("edgebus_bridge_forwarded_total" + aToB + "} " + forwarded + "\n");
            });
            assertTrue(text[0].contains("# TYPE edgebus_bridge_forwarded_total counter\n"), text[0]);
            assertTrue(text[0].contains("edgebus_bridge_link_connected" + aToB + ",side=\"source\"} 1\n"), text[0]);
            assertTrue(text[0].contains("edgebus_bridge_link_connected" + aToB + ",side=\"target\"} 1\n"), text[0]);
            assertTrue(text[0].contains("edgebus_bridge_errors_total{bridge=\"it-" + RUN
                    + "\",from=\"B(side-b)\",to=\"A(side-a)\"}"), "both directions: " + text[0]);
        } finally {
            fw.deleteConfiguration("io.edgebus.monitoring.prometheus", null);
        }
    }

    private static void send(String queue, String id, byte[] body, Map<String, String> extra) throws Exception {
        Map<String, Object> headers = new HashMap<>(Map.of("NServiceBus.MessageId", id,
                "NServiceBus.EnclosedMessageTypes", "it.Command", "NServiceBus.MessageIntent", "Send"));
        headers.putAll(extra);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).headers(headers).build();
        rabbit.channel().basicPublish("", queue, props, body);
        rabbit.awaitConfirms();
    }

    private static List<LocalArtemis.Received> arrived(String queue, int n) throws Exception {
        List<LocalArtemis.Received> got = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(artemis.drain(queue));
        }
        assertEquals(n, got.size(), "forwarded to " + queue);
        assertNotNull(got.get(0).properties());
        return got;
    }

    private static List<BridgeMetricsView.Direction> metrics() {
        return BridgeMetricsView.read(fw);
    }

    private static boolean exists(String queue) {
        return count(queue) >= 0;
    }

    /** On a channel of its own: asking for a queue that does not exist closes the channel. */
    private static long count(String queue) {
        try (var ch = rabbit.channel().getConnection().createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }
}
