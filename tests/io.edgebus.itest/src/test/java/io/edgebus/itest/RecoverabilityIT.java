package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.edgebus.itest.handler.Flaky;
import io.edgebus.itest.handler.PingHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recoverability in a real Felix framework on the real RabbitMQ: immediate retries, delayed retries
 * through the broker's delay levels, the error queue with its headers, the run-time switch
 * (a RecoverabilityPolicy service) and the retry tool sending failed messages back.
 */
class RecoverabilityIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String FLAKY = "ItFlaky-" + RUN;
    /** Two immediate retries, no delayed ones. */
    private static final String TWICE = "ItTwice-" + RUN;
    /** Delayed retries only, 4 s apart: long enough to restart the endpoint in between. */
    private static final String LATER = "ItLater-" + RUN;
    private static final String ERRORS = "ItFlakyErrors-" + RUN;
    private static final String TYPE = Flaky.class.getName();
    private static final String OFF = "itest.delayedRetriesOff";

    private static TestFramework fw;
    private static Rabbit rabbit;
    private static final Results results = new Results();

    @BeforeAll
    static void start() throws Exception {
        rabbit = new Rabbit();
        rabbit.declareQueue(PingHandler.RESULTS);
        rabbit.consume(PingHandler.RESULTS, (tag, d) -> results.add(d.getBody(), d.getProperties().getHeaders()));
        fw = new TestFramework(TestFramework.tempDir(), Map.of("itest.flaky", FLAKY + "," + TWICE + "," + LATER));
        fw.configure("io.edgebus.transport.rabbitmq", "itest", Map.of("transport.name", "itest",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.endpoint", FLAKY, Map.of("edgebus.endpoint", FLAKY,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS,
                "immediateRetries", 1, "delayedRetries", 2, "delayedRetryIncrementSeconds", 1));
        fw.configure("io.edgebus.endpoint", TWICE, Map.of("edgebus.endpoint", TWICE,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS,
                "immediateRetries", 2, "delayedRetries", 0));
        fw.configure("io.edgebus.endpoint", LATER, Map.of("edgebus.endpoint", LATER,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS,
                "immediateRetries", 0, "delayedRetries", 1, "delayedRetryIncrementSeconds", 4));
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        for (String endpoint : List.of(FLAKY, TWICE, LATER)) {
            awaitRunning(endpoint);
        }
    }

    private static void awaitRunning(String endpoint) throws InterruptedException {
        fw.awaitEndpointRunning(endpoint);
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(OFF);
        fw.close();
        for (String q : List.of(FLAKY, TWICE, LATER, ERRORS)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    private static String send(String id, int failTimes) throws Exception {
        return send(FLAKY, id, failTimes);
    }

    private static String send(String endpoint, String id, int failTimes) throws Exception {
        String messageId = UUID.randomUUID().toString();
        rabbit.sendJson(endpoint, TYPE, messageId, "{\"id\":\"" + id + "\",\"failTimes\":" + failTimes + "}");
        rabbit.awaitConfirms();
        return messageId;
    }

    /** The next message in the error queue, waiting up to {@code seconds}. */
    private static GetResponse nextError(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            GetResponse got = rabbit.get(ERRORS);
            if (got != null) {
                return got;
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static String header(GetResponse r, String name) {
        Object v = r.getProps().getHeaders().get(name);
        return v == null ? null : v.toString();
    }

    @Test
    void aHandlerThatAlwaysFailsEndsInTheErrorQueueAfterImmediateAndDelayedRetries() throws Exception {
        String id = "always-" + RUN;
        long start = System.nanoTime();
        String messageId = send(id, 1000);
        GetResponse failed = nextError(30);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("always failing: in the error queue after " + millis + " ms (delays 1 s + 2 s)");
        assertNotNull(failed, "in the error queue");
        assertTrue(millis >= 3000, "two delayed retries of 1 s and 2 s, took " + millis + " ms");
        assertEquals(messageId, header(failed, "NServiceBus.MessageId"));
        assertEquals(FLAKY, header(failed, "NServiceBus.FailedQ"));
        assertEquals("2", header(failed, "NServiceBus.Retries"));
        assertEquals("1", header(failed, "NServiceBus.Retries.Immediate"));
        assertNotNull(header(failed, "NServiceBus.Retries.Timestamp"));
        assertTrue(header(failed, "NServiceBus.TimeOfFailure").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{6} Z"));
        assertEquals(IllegalStateException.class.getName(), header(failed, "NServiceBus.ExceptionInfo.ExceptionType"));
        assertEquals(java.io.IOException.class.getName(), header(failed, "NServiceBus.ExceptionInfo.InnerExceptionType"));
        assertEquals("flaky " + id + " fails attempt 6", header(failed, "NServiceBus.ExceptionInfo.Message"));
        assertTrue(header(failed, "NServiceBus.ExceptionInfo.StackTrace").contains("FlakyHandler"));
        assertNotNull(header(failed, "NServiceBus.ExceptionInfo.Source"));
        assertNotNull(header(failed, "NServiceBus.ExceptionInfo.HelpLink"));
        assertEquals("{\"id\":\"" + id + "\",\"failTimes\":1000}", new String(failed.getBody(), StandardCharsets.UTF_8));
        assertEquals(0, results.distinct(id));
    }

    @Test
    void aHandlerFailingThreeTimesIsHandledOnceAfterOneDelayedRetry() throws Exception {
        String id = "thrice-" + RUN;
        send(id, 3);
        await(id + " handled", 30, () -> results.distinct(id) == 1);
        Thread.sleep(1500); // a second handling or a late error would show up within this
        List<Results.Report> got = results.matching(r -> r.id().equals(id));
        assertEquals(1, got.size());
        assertEquals("1", got.get(0).received().get("NServiceBus.Retries"));
        assertNull(nextError(0), "nothing in the error queue");
    }

    @Test
    void switchedOffAtRunTimeAFailureGoesToTheErrorQueueWithoutDelayedRetries() throws Exception {
        System.setProperty(OFF, "true");
        try {
            String id = "off-" + RUN;
            long start = System.nanoTime();
            send(id, 1000);
            GetResponse failed = nextError(30);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNotNull(failed, "in the error queue");
            assertTrue(millis < 1000, "no delayed retry, took " + millis + " ms");
            assertNull(header(failed, "NServiceBus.Retries"));
            assertEquals("1", header(failed, "NServiceBus.Retries.Immediate"));
        } finally {
            System.clearProperty(OFF);
        }
    }

    @Test
    void theRetryToolSendsAFailedMessageBackAndItIsThenHandled() throws Exception {
        String id = "back-" + RUN;
        String messageId = send(id, 6); // fails on all 6 attempts (3 deliveries x 2), handled on the 7th
        GetResponse failed = nextError(30);
        assertNotNull(failed, "in the error queue");
        assertEquals(messageId, header(failed, "NServiceBus.MessageId"));
        // Back into the error queue for the tool to find (the get above acked it).
        rabbit.channel().basicPublish(ERRORS, "", true, failed.getProps(), failed.getBody());
        rabbit.awaitConfirms();

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = io.edgebus.tools.RetryErrors.run(new String[] {"--queue", ERRORS, "--id", messageId},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), null);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, exit, printed);
        assertTrue(printed.contains("moved " + messageId + " -> " + FLAKY), printed);

        await(id + " handled after the retry", 30, () -> results.distinct(id) == 1);
        Results.Report r = results.matching(x -> x.id().equals(id)).get(0);
        assertNull(r.received().get("NServiceBus.Retries"), "a retried message starts afresh");
        assertNull(r.received().get("NServiceBus.FailedQ"));
        assertEquals(messageId, r.received().get("NServiceBus.MessageId"));
        assertNull(nextError(0));
    }

    @Test
    void aHandlerFailingTwiceIsHandledOnceWithTwoImmediateRetriesRecorded() throws Exception {
        String id = "twice-" + RUN;
        send(TWICE, id, 2);
        await(id + " handled", 30, () -> results.distinct(id) == 1);
        Thread.sleep(1000); // a second handling or a late error would show up within this
        assertEquals(1, results.matching(r -> r.id().equals(id)).size(), "handled once");
        assertNull(results.matching(r -> r.id().equals(id)).get(0).received().get("NServiceBus.Retries"),
                "no delayed retry");
        Object snapshot = fw.call(fw.awaitService("io.edgebus.api.monitoring.EndpointMetrics",
                "(edgebus.endpoint=" + TWICE + ")"), "snapshot");
        assertEquals(2L, snapshot.getClass().getMethod("immediateRetries").invoke(snapshot), "2 immediate retries recorded");
        assertEquals(0L, snapshot.getClass().getMethod("failed").invoke(snapshot));
        assertNull(nextError(0), "nothing in the error queue");
    }

    @Test
    void aDelayedRetryWaitingInTheBrokerSurvivesARestartOfTheEndpoint() throws Exception {
        String id = "restart-" + RUN;
        long start = System.nanoTime();
        send(LATER, id, 1); // fails once, comes back through the broker's delay 4 s later
        await(id + " failed once", 10, () -> metric(LATER, "delayedRetries") == 1L);
        org.osgi.framework.Bundle core = java.util.Arrays.stream(fw.context().getBundles())
                .filter(b -> "io.edgebus.core".equals(b.getSymbolicName())).findFirst().orElseThrow();
        core.stop(); // every endpoint of the runtime stops, as when the runtime restarts
        assertTrue((System.nanoTime() - start) / 1_000_000 < 4000, "stopped before the delay was over");
        core.start();
        awaitRunning(LATER);
        await(id + " handled after the delay", 30, () -> results.distinct(id) == 1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("delayed retry across an endpoint restart: handled " + millis + " ms after sending");
        assertTrue(millis >= 4000, "after the 4 s delay, took " + millis + " ms");
        assertEquals("1", results.matching(r -> r.id().equals(id)).get(0).received().get("NServiceBus.Retries"));
    }

    private static long metric(String endpoint, String name) {
        try {
            Object snapshot = fw.call(fw.awaitService("io.edgebus.api.monitoring.EndpointMetrics",
                    "(edgebus.endpoint=" + endpoint + ")"), "snapshot");
            return (Long) snapshot.getClass().getMethod(name).invoke(snapshot);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void poisonMessagesOfThreeKindsGoStraightToTheErrorQueue() throws Exception {
        long start = System.nanoTime();
        rabbit.sendJson(FLAKY, TYPE, "poison-body-" + RUN, "{not json");
        rabbit.sendJson(FLAKY, "Itest.NoSuchType", "poison-type-" + RUN, "{\"id\":\"x\"}");
        com.rabbitmq.client.AMQP.BasicProperties noType = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .messageId("poison-headers-" + RUN).deliveryMode(2)
                .headers(Map.of("NServiceBus.MessageId", "poison-headers-" + RUN)).build();
        rabbit.channel().basicPublish(FLAKY, "", true, noType, "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8));
        rabbit.awaitConfirms();
        Map<String, String> reasons = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            GetResponse failed = nextError(30);
            assertNotNull(failed, "poison message " + (i + 1) + " of 3 in the error queue");
            assertNull(header(failed, "NServiceBus.Retries"));
            assertEquals("0", header(failed, "NServiceBus.Retries.Immediate"));
            reasons.put(header(failed, "NServiceBus.MessageId"), header(failed, "NServiceBus.ExceptionInfo.Message"));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3000, "at once, took " + millis + " ms");
        assertTrue(reasons.get("poison-body-" + RUN).contains("not a valid"), reasons.toString());
        assertTrue(reasons.get("poison-type-" + RUN).contains("no handler for message type Itest.NoSuchType"), reasons.toString());
        assertTrue(reasons.get("poison-headers-" + RUN).contains("missing header NServiceBus.EnclosedMessageTypes"),
                reasons.toString());
    }
}
