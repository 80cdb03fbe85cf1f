package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebus.itest.handler.Flaky;
import io.edgebus.itest.handler.PingHandler;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A delayed retry waiting in the broker's delay levels survives a broker restart. Stops the shared
 * RabbitMQ for a few seconds (rabbitmqctl stop_app / start_app), so it is its own short test.
 */
class RecoverabilityRestartIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String FLAKY = "ItRestart-" + RUN;
    private static final String ERRORS = "ItRestartErrors-" + RUN;
    /**
     * Long enough that the retry's delay ends after the broker is back: RabbitMQ 3.10 can leave a
     * message whose delay-level TTL ends while it boots in that quorum queue for good (its
     * dead-letter worker starts before the exchanges exist; rabbitmq-server#12625). Seen in CI with
     * 8 s and an 8.5 s restart.
     */
    private static final int DELAY_SECONDS = 32;

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
                "immediateRetries", 0, "delayedRetries", 1, "delayedRetryIncrementSeconds", DELAY_SECONDS));
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
        fw.awaitEndpointRunning(FLAKY);
    }

    @AfterAll
    static void stop() throws Exception {
        fw.close();
        for (String q : List.of(FLAKY, ERRORS)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    @Test
    void aDelayedRetryWaitingInTheBrokerSurvivesABrokerRestart() throws Exception {
        String id = "restart-" + RUN;
        rabbit.sendJson(FLAKY, Flaky.class.getName(), UUID.randomUUID().toString(),
                "{\"id\":\"" + id + "\",\"failTimes\":1}");
        rabbit.awaitConfirms();
        // The first attempt fails at once; the retry then waits DELAY_SECONDS in a delay level.
        await("the first attempt failed and the retry is queued", 10,
                () -> count(FLAKY)[0] == 0 && count(FLAKY)[1] == 0);
        Thread.sleep(500);
        long start = System.nanoTime();
        try {
            Rabbit.rabbitmqctl("stop_app");
        } finally {
            Rabbit.rabbitmqctl("start_app");
        }
        long downMillis = (System.nanoTime() - start) / 1_000_000;
        await(id + " handled after the restart", 90, () -> results.distinct(id) == 1);
        System.out.printf("broker stopped and started in %d ms; the delayed retry was handled %d ms after the stop%n",
                downMillis, (System.nanoTime() - start) / 1_000_000);
        Results.Report r = results.matching(x -> x.id().equals(id)).get(0);
        assertEquals("1", r.received().get("NServiceBus.Retries"));
        await("the test's connection recovered", rabbit::isOpen);
        assertEquals(0, rabbit.messageCount(ERRORS));
    }

    private static long[] count(String queue) {
        try {
            return Rabbit.queueCounts(queue);
        } catch (Exception e) {
            return new long[] {-1, -1};
        }
    }
}
