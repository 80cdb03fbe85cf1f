package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.itest.handler.Gauge;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Issue 5, acceptance 3, in a real framework on the real RabbitMQ: an endpoint with concurrency 8
 * whose handler measures its own concurrency fails for a while; after 5 failed attempts in a row it
 * runs one message at a time, and after the first success it is back at full concurrency.
 */
class AutoRateLimitIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String GAUGE = "ItGauge-" + RUN;
    private static final String ERRORS = "ItGaugeErrors-" + RUN;
    private static final String FAIL = "itest.gaugeFail";
    private static final int CONCURRENCY = 8;
    private static final int MESSAGES = 600;

    private TestFramework fw;
    private Rabbit rabbit;

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(FAIL);
        if (fw != null) {
            fw.close();
        }
        for (String q : List.of(GAUGE, ERRORS)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    @Test
    void consecutiveFailuresDropTheEndpointToOneAtATimeAndASuccessRestoresItsConcurrency() throws Exception {
        rabbit = new Rabbit();
        rabbit.declareQueue(ERRORS);
        fw = new TestFramework(TestFramework.tempDir(), Map.of("itest.gauge", GAUGE));
        fw.configure("io.edgebus.transport.rabbitmq", "itest", Map.of("transport.name", "itest",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.endpoint", GAUGE, Map.of("edgebus.endpoint", GAUGE,
                "transport.target", "(transport.name=itest)", "errorQueue", ERRORS, "concurrency", CONCURRENCY,
                "immediateRetries", 1, "delayedRetries", 0, "autoRateLimitFailures", 5));
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        ServiceReference<?> bus = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + GAUGE + ")");
        await(GAUGE + " running", () -> "RUNNING".equals(call(bus, "state")));
        ServiceReference<?> handler = fw.awaitService("io.edgebus.api.MessageHandler", "(edgebus.endpoint=" + GAUGE + ")");

        System.setProperty(FAIL, "true");
        for (int i = 0; i < MESSAGES; i++) {
            rabbit.sendJson(GAUGE, Gauge.class.getName(), UUID.randomUUID().toString(), "{\"id\":\"g" + i + "\"}");
        }
        rabbit.awaitConfirms();
        await("rate limited", 30, () -> "true".equals(call(bus, "rateLimited")));
        // Attempts that started before the switch finish within one handler time.
        Thread.sleep(300);
        call(handler, "takeMax");
        int attemptsBefore = (Integer) fw.call(handler, "attempts");
        Thread.sleep(2000);
        int throttledMax = (Integer) fw.call(handler, "takeMax");
        int probes = (Integer) fw.call(handler, "attempts") - attemptsBefore;
        int failuresInARow = (Integer) fw.call(bus, "consecutiveFailures");
        System.out.printf("throttled: max concurrency %d, %d attempts in 2 s, %d failures in a row%n",
                throttledMax, probes, failuresInARow);
        assertEquals(1, throttledMax, "one message at a time while throttled");
        assertTrue(probes >= 10, "it keeps probing, one at a time: " + probes);
        assertTrue(failuresInARow >= 5 + probes, "every failed attempt counted: " + failuresInARow);
        assertEquals("true", call(bus, "rateLimited"));

        System.clearProperty(FAIL);
        await("back to full concurrency", 30, () -> "false".equals(call(bus, "rateLimited")));
        assertEquals(0, (Integer) fw.call(bus, "consecutiveFailures"));
        Thread.sleep(1000);
        int recoveredMax = (Integer) fw.call(handler, "takeMax");
        System.out.printf("recovered: max concurrency %d of %d%n", recoveredMax, CONCURRENCY);
        assertTrue(recoveredMax >= CONCURRENCY - 2, "close to the configured concurrency: " + recoveredMax);

        await("every message handled or in the error queue", 60,
                () -> Integer.parseInt(call(handler, "handled")) + errors() == MESSAGES);
    }

    private long errors() {
        try {
            return rabbit.messageCount(ERRORS);
        } catch (Exception e) {
            return -1;
        }
    }

    private String call(ServiceReference<?> ref, String method) {
        try {
            return String.valueOf(fw.call(ref, method));
        } catch (Exception e) {
            return "unavailable: " + e;
        }
    }
}
