package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.edgebus.itest.handler.Ping;
import io.edgebus.itest.handler.Pinged;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Endpoints wired by DS in a real Felix framework, on the real RabbitMQ: headers, publish/subscribe,
 * the concurrency limit, poison input and a broker that drops every connection.
 */
class EndpointRabbitMqIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String SENDER = "ItSender-" + RUN;
    private static final String RECEIVER = "ItReceiver-" + RUN;
    private static final String SUB_A = "ItSubA-" + RUN;
    private static final String SUB_B = "ItSubB-" + RUN;
    private static final String ERRORS = "ItErrors-" + RUN;
    private static final String PING = Ping.class.getName();
    private static final int CONCURRENCY = 4;

    private static TestFramework fw;
    private static Rabbit rabbit;
    private static final Results results = new Results();

    @BeforeAll
    static void start() throws Exception {
        rabbit = new Rabbit();
        rabbit.declareQueue(io.edgebus.itest.handler.PingHandler.RESULTS);
        rabbit.purge(io.edgebus.itest.handler.PingHandler.RESULTS);
        rabbit.consume(io.edgebus.itest.handler.PingHandler.RESULTS,
                (tag, d) -> results.add(d.getBody(), d.getProperties().getHeaders()));
        fw = new TestFramework(TestFramework.tempDir(),
                Map.of("itest.endpoint", RECEIVER, "itest.subscribers", SUB_A + "," + SUB_B));
        fw.configure("io.edgebus.transport.rabbitmq", "itest", Map.of("transport.name", "itest",
                "host", "localhost", "username", "guest", ".password", "guest"));
        endpoint(SENDER, 1, "io.edgebus.itest.handler.*=" + RECEIVER);
        endpoint(RECEIVER, CONCURRENCY, "");
        endpoint(SUB_A, 1, "");
        endpoint(SUB_B, 1, "");
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        for (String e : List.of(SENDER, RECEIVER, SUB_A, SUB_B)) {
            await(e + " running", () -> "RUNNING".equals(state(e)));
        }
    }

    private static void endpoint(String name, int concurrency, String route) throws Exception {
        fw.configure("io.edgebus.endpoint", name, Map.of("edgebus.endpoint", name, "concurrency", concurrency,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS, "auditQueue", "", "serviceControlQueue", "",
                "routes", route.isEmpty() ? new String[0] : new String[] {route}));
    }

    @AfterAll
    static void stop() throws Exception {
        fw.close();
        for (String q : List.of(SENDER, RECEIVER, SUB_A, SUB_B, ERRORS)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    private static String state(String endpoint) {
        try {
            return String.valueOf(fw.call(bus(endpoint), "state"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static ServiceReference<?> bus(String endpoint) throws InterruptedException {
        return fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")");
    }

    /** Calls send or publish on an endpoint's Bus; the Bus type lives in the framework, so by reflection. */
    private static void busCall(String endpoint, String method, Object message) throws Exception {
        ServiceReference<?> ref = bus(endpoint);
        Object bus = fw.context().getService(ref);
        try {
            bus.getClass().getMethod(method, Object.class).invoke(bus, message);
        } finally {
            fw.context().ungetService(ref);
        }
    }

    @Test
    void aCommandSentThroughTheBusArrivesWithEveryStandardHeader() throws Exception {
        busCall(SENDER, "send", new Ping("h-1", 0));
        await("h-1 handled", () -> results.distinct("h-1") == 1);
        Results.Report r = results.matching(x -> x.id().equals("h-1")).get(0);
        Map<String, String> in = r.received();
        String id = in.get("NServiceBus.MessageId");
        assertNotNull(id);
        assertEquals(id, in.get("NServiceBus.CorrelationId"));
        assertNotNull(in.get("NServiceBus.ConversationId"));
        assertEquals("Send", in.get("NServiceBus.MessageIntent"));
        assertEquals(SENDER, in.get("NServiceBus.ReplyToAddress"));
        assertEquals("application/json", in.get("NServiceBus.ContentType"));
        assertEquals(PING, in.get("NServiceBus.EnclosedMessageTypes"));
        assertTrue(in.get("NServiceBus.TimeSent").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{6} Z"),
                in.get("NServiceBus.TimeSent"));
        assertEquals(SENDER, in.get("NServiceBus.OriginatingEndpoint"));
        assertFalse(in.get("NServiceBus.OriginatingMachine").isBlank());
        assertEquals(SENDER.toLowerCase(Locale.ROOT) + "-1", in.get("$.diagnostics.hostdisplayname"));
        assertEquals(in.get("$.diagnostics.hostid"), in.get("$.diagnostics.originating.hostid"));
        assertNotNull(in.get("NServiceBus.Version"));

        Map<String, Object> out = r.sentWith();
        assertEquals(id, String.valueOf(out.get("NServiceBus.RelatedTo")));
        assertEquals(in.get("NServiceBus.ConversationId"), String.valueOf(out.get("NServiceBus.ConversationId")));
        assertEquals(id, String.valueOf(out.get("NServiceBus.CorrelationId")));
        assertEquals(RECEIVER, String.valueOf(out.get("NServiceBus.OriginatingEndpoint")));
    }

    @Test
    void aPublishedEventReachesEachSubscribingEndpointExactlyOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            busCall(SENDER, "publish", new Pinged("e-" + i));
        }
        await("both subscribers got all", () -> results.matching(r -> r.id().startsWith("e-")).size() >= 40);
        Thread.sleep(1000); // a duplicate would show up within this
        for (String sub : List.of(SUB_A, SUB_B)) {
            List<Results.Report> got = results.matching(r -> r.id().startsWith("e-") && r.endpoint().equals(sub));
            assertEquals(20, got.size(), sub + " total");
            assertEquals(20, got.stream().map(Results.Report::id).distinct().count(), sub + " distinct");
        }
    }

    @Test
    void theConcurrencyLimitIsHonouredAndReached() throws Exception {
        for (int i = 0; i < 100; i++) {
            rabbit.sendJson(RECEIVER, PING, "c-" + i, "{\"id\":\"c-" + i + "\",\"workMillis\":30}");
        }
        rabbit.awaitConfirms();
        await("all handled", () -> results.distinct("c-") == 100);
        int max = results.matching(r -> r.id().startsWith("c-")).stream().mapToInt(Results.Report::inFlight)
                .max().orElse(0);
        System.out.println("concurrency limit " + CONCURRENCY + ", most handlers seen at once: " + max);
        assertEquals(CONCURRENCY, max);
    }

    @Test
    void aBodyThatDoesNotParseGoesToTheErrorQueueAndIsNotLost() throws Exception {
        rabbit.sendJson(RECEIVER, PING, "poison-1", "{this is not json");
        rabbit.awaitConfirms();
        GetResponse got = null;
        for (int i = 0; i < 100 && got == null; i++) {
            got = rabbit.get(ERRORS);
            if (got == null) {
                Thread.sleep(100);
            }
        }
        assertNotNull(got, "poison message in the error queue");
        Map<String, Object> h = got.getProps().getHeaders();
        assertEquals("poison-1", String.valueOf(h.get("NServiceBus.MessageId")));
        assertEquals(RECEIVER, String.valueOf(h.get("NServiceBus.FailedQ")));
        assertTrue(String.valueOf(h.get("NServiceBus.ExceptionInfo.Message")).contains("not a valid"));
        assertEquals("{this is not json", new String(got.getBody(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theEndpointRecoversWhenTheBrokerClosesEveryConnectionMidStream() throws Exception {
        int total = 1000;
        for (int i = 0; i < total; i++) {
            rabbit.sendJson(RECEIVER, PING, "r-" + i, "{\"id\":\"r-" + i + "\",\"workMillis\":3}");
        }
        rabbit.awaitConfirms();
        await("some handled", () -> results.distinct("r-") > 100);
        long start = System.nanoTime();
        Rabbit.rabbitmqctl("close_all_connections", "itest: connection drill");
        await("every message handled after recovery", () -> results.distinct("r-") == total);
        System.out.printf("after close_all_connections: all %d handled %d ms later, %d handled twice%n", total,
                (System.nanoTime() - start) / 1_000_000,
                results.matching(r -> r.id().startsWith("r-")).size() - total);
        await("receiver running again", () -> "RUNNING".equals(state(RECEIVER)));
        // close_all_connections dropped the test's own connection too; other tests need it back.
        await("the test's connection recovered", rabbit::isOpen);
    }
}
