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
        fw = new TestFramework(TestFramework.tempDir(), Map.of("itest.flaky", FLAKY));
        fw.configure("io.edgebus.transport.rabbitmq", "itest", Map.of("transport.name", "itest",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.endpoint", FLAKY, Map.of("edgebus.endpoint", FLAKY,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS,
                "immediateRetries", 1, "delayedRetries", 2, "delayedRetryIncrementSeconds", 1));
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        await(FLAKY + " running", () -> {
            try {
                return "RUNNING".equals(String.valueOf(fw.call(
                        fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + FLAKY + ")"), "state")));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(OFF);
        fw.close();
        for (String q : List.of(FLAKY, ERRORS)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    private static String send(String id, int failTimes) throws Exception {
        String messageId = UUID.randomUUID().toString();
        rabbit.sendJson(FLAKY, TYPE, messageId, "{\"id\":\"" + id + "\",\"failTimes\":" + failTimes + "}");
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
    void aPoisonMessageGoesStraightToTheErrorQueue() throws Exception {
        long start = System.nanoTime();
        rabbit.sendJson(FLAKY, TYPE, "poison-" + RUN, "{not json");
        rabbit.awaitConfirms();
        GetResponse failed = nextError(30);
        assertNotNull(failed);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
        assertNull(header(failed, "NServiceBus.Retries"));
        assertEquals("0", header(failed, "NServiceBus.Retries.Immediate"));
        assertFalse(header(failed, "NServiceBus.ExceptionInfo.Message").isBlank());
    }
}
