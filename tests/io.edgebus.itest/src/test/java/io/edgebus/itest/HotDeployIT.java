package io.edgebus.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Hot deploy in a real Felix framework against the real RabbitMQ: handler bundles come and go while
 * messages stream in, and nothing is lost, nothing leaks.
 */
class HotDeployIT {
    private static final Pattern HANDLED = Pattern.compile("\"id\":\"([^\"]+)\",\"version\":\"([^\"]+)\"");
    private static final String PING = "io.edgebus.itest.handler.Ping";

    private final String endpoint = "ItestHotDeploy-" + UUID.randomUUID().toString().substring(0, 8);
    private final String errorQueue = endpoint + "-error";
    /** This run's own: other runs of the suite on the same broker (CI, other worktrees) purge and read theirs. */
    private final String resultsQueue = endpoint + "-results";
    private final List<String[]> results = new CopyOnWriteArrayList<>();
    private Rabbit rabbit;

    @BeforeEach
    void broker() throws Exception {
        rabbit = new Rabbit();
        rabbit.declareQueue(resultsQueue);
        rabbit.consume(resultsQueue, (tag, d) -> {
            Matcher m = HANDLED.matcher(new String(d.getBody(), StandardCharsets.UTF_8));
            if (m.find()) {
                results.add(new String[] {m.group(1), m.group(2)});
            }
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        rabbit.deleteQueue(endpoint);
        rabbit.deleteQueue(errorQueue);
        rabbit.deleteQueue(resultsQueue);
        rabbit.close();
    }

    private TestFramework startFramework() throws Exception {
        TestFramework fw = new TestFramework(TestFramework.tempDir(), Map.of("itest.endpoint", endpoint,
                "itest.results", resultsQueue));
        fw.configure("io.edgebus.transport.rabbitmq", "itest", Map.of("transport.name", "itest",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.configure("io.edgebus.endpoint", endpoint, Map.of("edgebus.endpoint", endpoint, "instance", "1",
                "concurrency", 4, "transport.target", "(transport.name=itest)", "errorQueue", errorQueue,
                "drainTimeoutSeconds", 10, "auditQueue", "", "serviceControlQueue", "", "monitoringQueue", ""));
        // Platform reports off: no audit copies left in the shared broker, and the channel counts of the
        // cycles test are not changed by the first heartbeat or metrics report opening their channels.
        var bus = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")");
        await("endpoint running", () -> {
            try {
                return "RUNNING".equals(String.valueOf(fw.call(bus, "state")));
            } catch (Exception e) {
                return false;
            }
        });
        return fw;
    }

    @Test
    void handlerUpdatedTwiceThenRemovedAndReinstalledWhileMessagesStreamLosesNothing() throws Exception {
        int total = 2000;
        try (TestFramework fw = startFramework()) {
            Bundle handler = fw.install("itest:handler", HandlerBundles.handlerBundle("1.0.0"));
            Thread producer = new Thread(() -> stream(total, 3), "itest-producer");
            producer.start();

            Thread.sleep(1000);
            handler.update(new java.io.ByteArrayInputStream(HandlerBundles.handlerBundle("2.0.0")));
            assertMarkerHandledBy("2.0.0");
            handler.update(new java.io.ByteArrayInputStream(HandlerBundles.handlerBundle("3.0.0")));
            assertMarkerHandledBy("3.0.0");
            handler.uninstall();
            Thread.sleep(700);
            fw.install("itest:handler-again", HandlerBundles.handlerBundle("4.0.0"));
            assertMarkerHandledBy("4.0.0");

            producer.join();
            await("every message handled", () -> distinctPings() == total);
            long redeliveries = results.stream().filter(r -> r[0].startsWith("p-")).count() - total;
            System.out.printf("hot deploy: %d messages, %d handled twice (redeliveries), versions %s%n",
                    total, redeliveries, versionsSeen());
            assertEquals(0, rabbit.messageCount(errorQueue), "nothing failed");
            assertNoOlderVersionAfterItsMarker();
        }
    }

    @Test
    void stoppingTheFrameworkMidStreamHandsEverythingBackAndLeavesNoThread() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        int total = 1000;
        TestFramework fw = startFramework();
        fw.install("itest:handler", HandlerBundles.handlerBundle("1.0.0"));
        stream(total, 0);
        await("some handled", () -> distinctPings() > 50);
        fw.close();

        // The broker's queue statistics lag by a few seconds; AMQP's passive declare does not.
        await("no unacknowledged message", () -> unacked(endpoint) == 0);
        long ready = rabbit.messageCount(endpoint);
        // Reports of the last handled messages may still be on their way to the test's consumer.
        await("handled + waiting = sent", () -> distinctPings() + ready >= total);
        System.out.printf("stopped mid-stream: %d handled, %d back in the queue, %d sent%n", distinctPings(), ready, total);
        await("framework threads gone", () -> newThreads(before).isEmpty());
        assertEquals(Map.of(), Rabbit.connections("edgebus/" + endpoint), "no connection left open");
    }

    @Test
    void fiftyInstallUpdateUninstallCyclesLeakNoThreadsConnectionsOrChannels() throws Exception {
        try (TestFramework fw = startFramework()) {
            cycle(fw, 0);
            await("baseline settles", () -> true);
            Thread.sleep(500);
            int threadsBefore = Thread.activeCount();
            Map<String, Integer> connectionsBefore = Rabbit.connections("edgebus/" + endpoint);
            for (int i = 1; i <= 50; i++) {
                cycle(fw, i);
            }
            await("threads back to baseline", () -> Thread.activeCount() <= threadsBefore);
            Map<String, Integer> connectionsAfter = Rabbit.connections("edgebus/" + endpoint);
            System.out.printf("50 cycles: threads %d -> %d, connections/channels %s -> %s%n", threadsBefore,
                    Thread.activeCount(), connectionsBefore, connectionsAfter);
            assertEquals(connectionsBefore, connectionsAfter);
            // The endpoint still works after all that.
            fw.install("itest:handler-final", HandlerBundles.handlerBundle("9.0.0"));
            assertMarkerHandledBy("9.0.0");
        }
    }

    private void cycle(TestFramework fw, int i) throws Exception {
        Bundle b = fw.install("itest:cycle", HandlerBundles.handlerBundle("1.0." + i));
        b.update(new java.io.ByteArrayInputStream(HandlerBundles.handlerBundle("2.0." + i)));
        b.uninstall();
    }

    private void stream(int total, long pauseMillis) {
        try {
            for (int i = 0; i < total; i++) {
                rabbit.sendJson(endpoint, PING, "p-" + i, "{\"id\":\"p-" + i + "\",\"workMillis\":2}");
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            rabbit.awaitConfirms();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertMarkerHandledBy(String version) throws Exception {
        String id = "marker-" + version;
        rabbit.sendJson(endpoint, PING, id, "{\"id\":\"" + id + "\",\"workMillis\":0}");
        await(id + " handled", () -> results.stream().anyMatch(r -> r[0].equals(id)));
        String handledBy = results.stream().filter(r -> r[0].equals(id)).findFirst().orElseThrow()[1];
        assertEquals(version, handledBy, "the new version handles messages after the update");
    }

    private void assertNoOlderVersionAfterItsMarker() {
        int newest = 0;
        for (String[] r : results) {
            int major = Integer.parseInt(r[1].substring(0, r[1].indexOf('.')));
            if (r[0].startsWith("marker-")) {
                newest = major;
            }
            assertTrue(major >= newest, r[0] + " handled by " + r[1] + " after the marker of version " + newest);
        }
    }

    private long distinctPings() {
        Set<String> ids = new HashSet<>();
        results.forEach(r -> {
            if (r[0].startsWith("p-")) {
                ids.add(r[0]);
            }
        });
        return ids.size();
    }

    private Set<String> versionsSeen() {
        Set<String> v = new java.util.TreeSet<>();
        results.forEach(r -> v.add(r[1]));
        return v;
    }

    private static long unacked(String queue) {
        try {
            return Rabbit.queueCounts(queue)[1];
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                // The test's own client and the JDK's process reaper (rabbitmqctl) are not the framework's.
                .filter(t -> !t.getName().startsWith(Rabbit.THREAD_PREFIX) && !t.getName().equals("process reaper"))
                .map(Thread::getName).toList();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, 60, condition);
    }

    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
