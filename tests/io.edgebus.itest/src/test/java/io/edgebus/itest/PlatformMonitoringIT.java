package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgebus.itest.handler.Ping;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Issue 5, acceptance 5 (and the Prometheus endpoint of F15), in a real framework on the real
 * RabbitMQ: heartbeats at the configured interval, metrics reports of an injected 200 ms handler
 * delay under an offered 20 msg/s, and the same figures scraped over HTTP; the receive stall alarm.
 */
class PlatformMonitoringIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String SENDER = "ItMonSender-" + RUN;
    private static final String SLOW = "ItMonSlow-" + RUN;
    private static final String BEAT = "ItMonBeat-" + RUN;
    private static final String STALL = "ItMonStall-" + RUN;
    private static final String ERRORS = "ItMonErrors-" + RUN;
    private static final String SERVICE_CONTROL = "ItServiceControl-" + RUN;
    private static final String MONITORING = "ItMonitoring-" + RUN;
    private static final String AUDIT = "ItMonAudit-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestFramework fw;
    private static Rabbit rabbit;

    /** A message as the test's consumer saw it. */
    record Received(long nanos, String type, JsonNode body) {
    }

    @BeforeAll
    static void start() throws Exception {
        rabbit = new Rabbit();
        fw = new TestFramework(TestFramework.tempDir(), Map.of("itest.slow", SLOW + "," + STALL),
                List.of("io.edgebus.monitoring.prometheus"));
        fw.configure("io.edgebus.transport.rabbitmq", "itmon", Map.of("transport.name", "itmon",
                "host", "localhost", "username", "guest", ".password", "guest"));
        fw.install("itest:handlers", HandlerBundles.handlerBundle("1.0.0"));
    }

    @AfterAll
    static void stop() throws Exception {
        fw.close();
        for (String q : List.of(SENDER, SLOW, BEAT, STALL, ERRORS, SERVICE_CONTROL, MONITORING, AUDIT)) {
            rabbit.deleteQueue(q);
        }
        rabbit.close();
    }

    /** An endpoint of this test; every platform report off unless {@code extra} turns it on. */
    private static void endpoint(String name, String instance, int concurrency, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("edgebus.endpoint", name, "instance", instance,
                "concurrency", concurrency, "transport.target", "(transport.name=itmon)", "errorQueue", ERRORS,
                "auditQueue", "", "sagaAuditQueue", "", "serviceControlQueue", "", "monitoringQueue", ""));
        p.putAll(extra);
        fw.configure("io.edgebus.endpoint", name, p);
    }

    private static List<Received> consume(String queue) throws Exception {
        rabbit.declareQueue(queue);
        List<Received> seen = new CopyOnWriteArrayList<>();
        rabbit.consume(queue, (tag, d) -> seen.add(new Received(System.nanoTime(),
                String.valueOf(d.getProperties().getHeaders().get("NServiceBus.EnclosedMessageTypes")),
                JSON.readTree(d.getBody()))));
        return seen;
    }

    private static boolean threadRunning(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void heartbeatsFollowTheStartUpAnnouncementAtTheConfiguredIntervalAndStopWithTheEndpoint() throws Exception {
        List<Received> seen = consume(SERVICE_CONTROL);
        endpoint(BEAT, "3", 1, Map.of("serviceControlQueue", SERVICE_CONTROL, "heartbeatIntervalSeconds", 1));
        String display = BEAT.toLowerCase() + "-3";
        await("a start-up announcement and 6 heartbeats", 30, () -> seen.size() >= 7);

        Received startup = seen.get(0);
        assertEquals("ServiceControl.Plugin.Heartbeat.Messages.RegisterEndpointStartup", startup.type());
        String hostId = UUID.nameUUIDFromBytes((BEAT + "/3").getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(hostId, startup.body().get("HostId").asText());
        assertEquals(display, startup.body().get("HostDisplayName").asText());
        assertEquals(BEAT, startup.body().get("Endpoint").asText());
        List<Received> beats = seen.subList(1, 7);
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < beats.size(); i++) {
            Received b = beats.get(i);
            assertEquals("ServiceControl.Plugin.Heartbeat.Messages.EndpointHeartbeat", b.type());
            assertEquals(BEAT, b.body().get("EndpointName").asText());
            assertEquals(hostId, b.body().get("HostId").asText());
            if (i > 0) {
                long executedGap = Duration.between(Instant.parse(beats.get(i - 1).body().get("ExecutedAt").asText()),
                        Instant.parse(b.body().get("ExecutedAt").asText())).toMillis();
                gaps.add(executedGap);
                long arrivalGap = (b.nanos() - beats.get(i - 1).nanos()) / 1_000_000;
                assertTrue(Math.abs(arrivalGap - 1000) <= 250, "arrival gap " + arrivalGap + " ms");
            }
        }
        System.out.println("heartbeats: ExecutedAt gaps (ms) " + gaps);
        for (long gap : gaps) {
            assertTrue(Math.abs(gap - 1000) <= 100, "heartbeat gap " + gap + " ms, configured 1000");
        }

        assertTrue(threadRunning("edgebus-monitor-" + display));
        fw.deleteConfiguration("io.edgebus.endpoint", BEAT);
        await("the monitor thread ends with the endpoint", 20, () -> !threadRunning("edgebus-monitor-" + display));
        int after = seen.size();
        Thread.sleep(2500);
        assertEquals(after, seen.size(), "no heartbeat after the endpoint stopped");
    }

    @Test
    void metricsReportAnInjectedDelayAndTheOfferedRateAndPrometheusServesTheSameFigures() throws Exception {
        List<Received> reports = consume(MONITORING);
        endpoint(SLOW, "1", 8, Map.of("monitoringQueue", MONITORING, "metricsIntervalSeconds", 2,
                "auditQueue", AUDIT));
        endpoint(SENDER, "1", 1, Map.of("routes", new String[] {"io.edgebus.itest.handler.*=" + SLOW}));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        fw.configure("io.edgebus.monitoring.prometheus", null, Map.of("port", port, "bindAddress", "127.0.0.1"));
        for (String e : List.of(SENDER, SLOW)) {
            await(e + " running", () -> "RUNNING".equals(state(e)));
        }

        int rate = 20;
        int count = 200;
        Instant sendStart = Instant.now();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            send(SENDER, new Ping("m-" + i, 200));
        }
        Instant sendEnd = Instant.now();
        await("every message reported", 30, () -> reports.stream().mapToLong(r -> r.body().get("Processed").asLong())
                .sum() == count);

        List<JsonNode> steady = new ArrayList<>();
        for (Received r : reports) {
            Instant start = Instant.parse(r.body().get("IntervalStart").asText());
            Instant end = Instant.parse(r.body().get("IntervalEnd").asText());
            if (!start.isBefore(sendStart.plusMillis(500)) && !end.isAfter(sendEnd)) {
                steady.add(r.body());
            }
        }
        System.out.println("metrics reports while 20 msg/s were offered: " + steady);
        assertTrue(steady.size() >= 3, "at least 3 reports inside the 10 s of sending, got " + steady.size());
        for (JsonNode r : steady) {
            double throughput = r.get("ThroughputPerSecond").asDouble();
            double processing = r.get("ProcessingTimeAvgMs").asDouble();
            assertTrue(Math.abs(throughput - rate) <= rate * 0.1, "throughput " + throughput + " vs offered " + rate);
            assertTrue(Math.abs(processing - 200) <= 20, "processing time " + processing + " ms vs 200 ms injected");
            assertTrue(r.get("ProcessingTimeMaxMs").asDouble() >= 200);
            assertTrue(r.get("CriticalTimeAvgMs").asDouble() >= processing);
            assertEquals(8, r.get("ConcurrencyLimit").asInt());
            assertEquals(SLOW, r.get("Endpoint").asText());
        }

        String text = scrape(port);
        String labels = "{endpoint=\"" + SLOW + "\",instance=\"1\"}";
        assertTrue(text.contains("edgebus_messages_processed_total" + labels + " " + count + "\n"), text);
        assertTrue(text.contains("edgebus_messages_failed_total" + labels + " 0\n"), text);
        assertTrue(text.contains("edgebus_processing_seconds_count" + labels + " " + count + "\n"), text);
        assertTrue(text.contains("edgebus_critical_time_seconds_count" + labels + " " + count + "\n"), text);
        assertTrue(text.contains("edgebus_queue_length" + labels + " 0\n"), text);
        assertTrue(text.contains("edgebus_concurrency_limit" + labels + " 8\n"), text);
        assertTrue(text.contains("edgebus_retries_total{endpoint=\"" + SLOW + "\",instance=\"1\",kind=\"immediate\"} 0"));
        double avg = value(text, "edgebus_processing_seconds_sum" + labels) / count;
        assertTrue(Math.abs(avg - 0.2) <= 0.02, "scraped average processing time " + avg + " s");
        assertEquals(count, rabbit.messageCount(AUDIT), "one audit copy per processed message");

        fw.deleteConfiguration("io.edgebus.monitoring.prometheus", null);
        await("the HTTP thread ends with the configuration", 20, () -> !threadRunning("edgebus-prometheus-" + port));
    }

    @Test
    void anEndpointReceivingNothingWhileMessagesWaitRaisesTheStallAlarmUntilItReceivesAgain() throws Exception {
        endpoint(STALL, "1", 1, Map.of("stallAlarmSeconds", 2, "drainTimeoutSeconds", 1,
                "routes", new String[] {"io.edgebus.itest.handler.*=" + STALL}));
        await(STALL + " running", () -> "RUNNING".equals(state(STALL)));
        Thread.sleep(2_500);
        assertFalse(stalled(STALL), "an idle endpoint with an empty queue is not stalled");
        // One handler thread busy 8 s per message; the prefetch (3) holds some, the rest wait in the queue.
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            send(STALL, new Ping("stall-" + i, 8_000));
        }
        await("the stall alarm", 15, () -> stalled(STALL));
        long raised = (System.nanoTime() - start) / 1_000_000;
        await("receiving again once the first message is done", 20, () -> !stalled(STALL));
        long cleared = (System.nanoTime() - start) / 1_000_000;
        System.out.println("stall alarm raised after " + raised + " ms, cleared after " + cleared + " ms");
        assertTrue(raised >= 2_000, "not before the 2 s limit: " + raised);
        assertTrue(cleared >= 7_000, "not before the first 8 s message ended: " + cleared);
        fw.deleteConfiguration("io.edgebus.endpoint", STALL);
    }

    private static boolean stalled(String endpoint) {
        try {
            Object snapshot = fw.call(fw.awaitService("io.edgebus.api.monitoring.EndpointMetrics",
                    "(edgebus.endpoint=" + endpoint + ")"), "snapshot");
            return (Boolean) snapshot.getClass().getMethod("receiveStalled").invoke(snapshot);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String scrape(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        r.headers().firstValue("Content-Type").orElse(""));
                return r.body();
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile(Pattern.quote(series) + " (\\S+)\n").matcher(text);
        assertTrue(m.find(), series + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static String state(String endpoint) {
        try {
            ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")");
            return String.valueOf(fw.call(ref, "state"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void send(String endpoint, Object message) throws Exception {
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")");
        Object bus = fw.context().getService(ref);
        try {
            bus.getClass().getMethod("send", Object.class).invoke(bus, message);
        } finally {
            fw.context().ungetService(ref);
        }
    }
}
