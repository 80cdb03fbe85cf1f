package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.itest.handler.Ping;
import io.edgebus.itest.handler.Pinged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The Azure Service Bus transport bundle in a real Felix framework with its AMQP 1.0 client
 * bundles (Qpid JMS, Proton-J, Netty, Jakarta Messaging): it resolves, its Transport service comes
 * up from a ConfigAdmin factory configuration, and core endpoints run on it against an embedded
 * Artemis: a command, an event to two subscribers, and a poison message to the error queue.
 */
class AsbEndpointIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String SENDER = "AsbSender-" + RUN;
    private static final String RECEIVER = "AsbReceiver-" + RUN;
    private static final String SUB_A = "AsbSubA-" + RUN;
    private static final String SUB_B = "AsbSubB-" + RUN;
    private static final String ERRORS = "AsbErrors-" + RUN;
    /** The AMQP 1.0 client and the transport, after TestFramework's base set. */
    static final List<String> ASB_BUNDLES = List.of("jakarta.jms-api", "proton-j", "netty-common-4",
            "netty-buffer-4", "netty-resolver-4", "netty-transport-4", "netty-transport-native-unix-common-4",
            "netty-codec-4", "netty-handler-4", "netty-codec-http-4", "qpid-jms-client", "io.edgebus.transport.asb");

    private static LocalArtemis artemis;
    private static TestFramework fw;
    private static final Results results = new Results();
    private static final List<Map<String, Object>> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        artemis = new LocalArtemis();
        artemis.consume("itest-results", results::add);
        artemis.consume(ERRORS, (body, props) -> errors.add(props));
        fw = new TestFramework(TestFramework.tempDir(),
                Map.of("itest.endpoint", RECEIVER, "itest.subscribers", SUB_A + "," + SUB_B), ASB_BUNDLES);
        fw.configure("io.edgebus.transport.asb", "itest", Map.of("transport.name", "asb-itest",
                "brokerUri", artemis.uri(), "recoveryMaxDelayMs", 1_000L));
        endpoint(SENDER, "io.edgebus.itest.handler.*=" + RECEIVER);
        endpoint(RECEIVER, "");
        endpoint(SUB_A, "");
        endpoint(SUB_B, "");
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        for (String e : List.of(SENDER, RECEIVER, SUB_A, SUB_B)) {
            await(e + " running", () -> "RUNNING".equals(state(e)));
        }
    }

    private static void endpoint(String name, String route) throws Exception {
        fw.configure("io.edgebus.endpoint", name, Map.of("edgebus.endpoint", name, "concurrency", 2,
                "transport.target", "(transport.name=asb-itest)", "errorQueue", ERRORS,
                "routes", route.isEmpty() ? new String[0] : new String[] {route}));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
        if (artemis != null) {
            artemis.close();
        }
    }

    @Test
    void theBundleResolvesAndItsTransportServiceComesUpFromConfiguration() throws Exception {
        for (Bundle b : fw.context().getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active");
            }
        }
        ServiceReference<?> transport = fw.awaitService("io.edgebus.api.transport.Transport", "(transport.name=asb-itest)");
        assertEquals("io.edgebus.transport.asb", transport.getBundle().getSymbolicName());
        assertEquals(null, transport.getProperty(".connectionString"), "secrets stay out of service properties");
    }

    @Test
    void aCommandSentThroughTheBusArrivesWithItsHeaders() throws Exception {
        busCall(SENDER, "send", new Ping("asb-1", 0));
        await("asb-1 handled", () -> results.distinct("asb-1") == 1);
        Map<String, String> in = results.matching(r -> r.id().equals("asb-1")).get(0).received();
        assertEquals("Send", in.get("NServiceBus.MessageIntent"));
        assertEquals(SENDER, in.get("NServiceBus.ReplyToAddress"));
        assertEquals(Ping.class.getName(), in.get("NServiceBus.EnclosedMessageTypes"));
        assertEquals(in.get("NServiceBus.MessageId"), in.get("NServiceBus.CorrelationId"));
        assertNotNull(in.get("NServiceBus.ConversationId"));
    }

    @Test
    void anEventPublishedThroughTheBusReachesBothSubscribersOnce() throws Exception {
        busCall(SENDER, "publish", new Pinged("asb-e1"));
        await("both subscribers handled it", () -> results.matching(r -> r.id().equals("asb-e1")).size() == 2);
        Thread.sleep(500);
        List<Results.Report> got = results.matching(r -> r.id().equals("asb-e1"));
        assertEquals(2, got.size());
        assertEquals(List.of(SUB_A, SUB_B), got.stream().map(Results.Report::endpoint).sorted().toList());
    }

    @Test
    void aPoisonMessageGoesToTheErrorQueueThroughCoresRecoverability() throws Exception {
        String id = "poison-" + RUN;
        artemis.send(RECEIVER, "{not json".getBytes(StandardCharsets.UTF_8), Map.of("NServiceBus.MessageId", id,
                "NServiceBus.EnclosedMessageTypes", Ping.class.getName(), "NServiceBus.ContentType", "application/json"));
        await("the poison message in " + ERRORS, 30,
                () -> errors.stream().anyMatch(p -> id.equals(p.get("NServiceBus.MessageId"))));
        Map<String, Object> failed = errors.stream().filter(p -> id.equals(p.get("NServiceBus.MessageId"))).findFirst().get();
        assertEquals(RECEIVER, failed.get("NServiceBus.FailedQ"));
        assertTrue(String.valueOf(failed.get("NServiceBus.ExceptionInfo.Message")).length() > 0);
    }

    private static String state(String endpoint) {
        try {
            return String.valueOf(fw.call(fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")"),
                    "state"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void busCall(String endpoint, String method, Object message) throws Exception {
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")");
        Object bus = fw.context().getService(ref);
        try {
            bus.getClass().getMethod(method, Object.class).invoke(bus, message);
        } finally {
            fw.context().ungetService(ref);
        }
    }
}
