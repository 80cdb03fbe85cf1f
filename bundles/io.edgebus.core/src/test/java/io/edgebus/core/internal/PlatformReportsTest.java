package io.edgebus.core.internal;

import static io.edgebus.core.internal.EndpointTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.core.internal.TestMessages.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Audit copies, the start-up announcement, heartbeats and metrics reports, on the in-memory broker. */
class PlatformReportsTest {
    private final InMemoryTransport broker = new InMemoryTransport();
    private final List<Endpoint> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Endpoint::stop);
    }

    private Endpoint endpoint(String name, MessageHandler<?> handler, PlatformSettings platform) {
        HandlerRegistry handlers = new HandlerRegistry();
        if (handler != null) {
            handlers.add(handler);
        }
        EndpointSettings s = new EndpointSettings(name, "2", name, 2,
                new String[] {"io.edgebus.core.internal.TestMessages$PlaceOrder=Sales"}, "error", 1,
                Duration.ofSeconds(5), Duration.ofSeconds(2));
        Endpoint e = new Endpoint(s, platform, broker, handlers, new Pipelines(), () -> null);
        e.start();
        started.add(e);
        return e;
    }

    private static MessageHandler<PlaceOrder> handler(boolean fail) {
        return new MessageHandler<>() {
            @Override
            public void handle(PlaceOrder message, MessageContext context) {
                if (fail) {
                    throw new IllegalStateException("always");
                }
            }

            @Override
            public Class<PlaceOrder> messageType() {
                return PlaceOrder.class;
            }
        };
    }

    private static PlatformSettings audit(String queue) {
        return new PlatformSettings(queue, "", "", Duration.ZERO, "", Duration.ZERO);
    }

    @Test
    void aProcessedMessageIsCopiedToTheAuditQueueWithItsBodyHeadersAndProcessingHeaders() throws Exception {
        endpoint("Sales", handler(false), audit("audit"));
        endpoint("ClientUI", null, PlatformSettings.OFF).send(new PlaceOrder("o-1"));

        await(() -> !broker.queue("audit").isEmpty());
        IncomingMessage copy = broker.queue("audit").poll();
        Map<String, String> h = copy.headers();
        assertEquals("{\"orderId\":\"o-1\"}", new String(copy.body(), StandardCharsets.UTF_8));
        assertEquals(h.get(Headers.MESSAGE_ID), copy.nativeId());
        assertEquals("ClientUI", h.get(Headers.ORIGINATING_ENDPOINT));
        assertEquals("Sales", h.get(Headers.PROCESSING_ENDPOINT));
        assertEquals("sales-2", h.get(Headers.HOST_DISPLAY_NAME));
        assertFalse(h.get(Headers.PROCESSING_MACHINE).isBlank());
        Instant startedAt = WireTime.parse(h.get(Headers.PROCESSING_STARTED));
        Instant endedAt = WireTime.parse(h.get(Headers.PROCESSING_ENDED));
        assertFalse(endedAt.isBefore(startedAt));
        assertFalse(startedAt.isBefore(WireTime.parse(h.get(Headers.TIME_SENT))));
    }

    @Test
    void aFailedMessageGoesToTheErrorQueueAndIsNotAudited() throws Exception {
        Endpoint sales = endpoint("Sales", handler(true), audit("audit"));
        endpoint("ClientUI", null, PlatformSettings.OFF).send(new PlaceOrder("o-2"));

        await(() -> !broker.queue("error").isEmpty());
        Thread.sleep(100);
        assertTrue(broker.queue("audit").isEmpty());
        assertEquals(1, sales.meter().failed.sum());
        assertEquals(1, sales.meter().immediateRetries.sum());
        assertEquals(0, sales.meter().processed.sum());
    }

    @Test
    void startUpIsAnnouncedHeartbeatsFollowAndStoppingEndsTheMonitorThread() throws Exception {
        Endpoint sales = endpoint("Sales", null, new PlatformSettings("", "", "Particular.ServiceControl",
                Duration.ofMillis(100), "", Duration.ZERO));
        await(() -> broker.queue("Particular.ServiceControl").size() >= 4);
        IncomingMessage startup = broker.queue("Particular.ServiceControl").poll();
        assertEquals("ServiceControl.Plugin.Heartbeat.Messages.RegisterEndpointStartup",
                startup.headers().get(Headers.ENCLOSED_MESSAGE_TYPES));
        String body = new String(startup.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"HostDisplayName\":\"sales-2\""), body);
        assertTrue(body.contains("\"HostId\":\"" + HostInfo.of("Sales", "2").hostId() + "\""), body);
        IncomingMessage beat = broker.queue("Particular.ServiceControl").poll();
        assertEquals("ServiceControl.Plugin.Heartbeat.Messages.EndpointHeartbeat",
                beat.headers().get(Headers.ENCLOSED_MESSAGE_TYPES));
        assertEquals("00:00:00", beat.headers().get(Headers.TIME_TO_BE_RECEIVED).substring(0, 8));
        assertTrue(new String(beat.body(), StandardCharsets.UTF_8).contains("\"EndpointName\":\"Sales\""));

        sales.stop();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("edgebus-monitor-sales-2")), "monitor thread left running");
        int after = broker.queue("Particular.ServiceControl").size();
        Thread.sleep(300);
        assertEquals(after, broker.queue("Particular.ServiceControl").size(), "no heartbeat after stop");
    }

    @Test
    void metricsReportsCountWhatWasProcessedInTheirInterval() throws Exception {
        endpoint("Sales", handler(false), new PlatformSettings("", "", "", Duration.ZERO, "Particular.Monitoring",
                Duration.ofMillis(300)));
        Endpoint client = endpoint("ClientUI", null, PlatformSettings.OFF);
        for (int i = 0; i < 5; i++) {
            client.send(new PlaceOrder("o-" + i));
        }
        List<String> reports = new ArrayList<>();
        await(() -> {
            IncomingMessage m = broker.queue("Particular.Monitoring").poll();
            if (m != null) {
                reports.add(new String(m.body(), StandardCharsets.UTF_8));
            }
            return reports.stream().mapToLong(PlatformReportsTest::processed).sum() == 5;
        });
        assertTrue(reports.get(0).contains("\"Endpoint\":\"Sales\""), reports.get(0));
        assertTrue(reports.stream().anyMatch(r -> r.contains("\"ConcurrencyLimit\":2")));
        assertTrue(reports.stream().allMatch(r -> r.contains("\"RateLimited\":false,\"ConsecutiveFailures\":0")),
                reports.get(0));
    }

    private static long processed(String report) {
        int at = report.indexOf("\"Processed\":") + 12;
        return Long.parseLong(report.substring(at, report.indexOf(',', at)));
    }

    @Test
    void headerTimesParseToEpochMicrosWithoutTheFormatter() {
        for (String t : List.of("2026-11-25 14:03:07:123456 Z", "2000-02-29 23:59:59:999999 Z",
                "1970-01-01 00:00:00:000000 Z", "1969-12-31 23:59:59:000001 Z")) {
            Instant i = WireTime.parse(t);
            assertEquals(i.getEpochSecond() * 1_000_000 + i.getNano() / 1000, WireTime.parseEpochMicros(t), t);
        }
        assertEquals(Long.MIN_VALUE, WireTime.parseEpochMicros("2026-11-25T14:03:07Z"));
        assertEquals(Long.MIN_VALUE, WireTime.parseEpochMicros(null));
    }

    @Test
    void anInvalidQueueNameIsRefusedNamingTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PlatformSettings("audit", "", "not a queue!", Duration.ofSeconds(10), "", Duration.ZERO));
        assertTrue(e.getMessage().startsWith("serviceControlQueue:"), e.getMessage());
        assertTrue(audit(" ").auditQueue().isEmpty(), "blank is off");
        assertEquals(List.of("audit", "Particular.ServiceControl"), new PlatformSettings("audit",
                "Particular.ServiceControl", "Particular.ServiceControl", Duration.ZERO, "Particular.Monitoring",
                Duration.ZERO).queues(), "declared once each; the monitoring queue only when reports are sent");
    }

    @Test
    void timerBucketsAreCumulative() {
        Timer t = new Timer();
        t.record(2_000_000); // 2 ms
        t.record(200_000_000); // 200 ms
        long[] counts = t.snapshot().bucketCounts();
        assertArrayEquals(new long[] {0, 1, 1, 1, 1, 1, 2}, java.util.Arrays.copyOf(counts, 7));
        assertEquals(0.202, t.snapshot().sumSeconds(), 1e-9);
    }
}
