package io.edgebus.monitoring.prometheus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricSample.Kind;
import io.edgebus.api.monitoring.MetricsSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    private static final MetricsSnapshot.Timing TIMING = new MetricsSnapshot.Timing(new double[] {0.1, 0.25},
            new long[] {1, 3}, 4, 0.9);

    private static MetricsSnapshot snapshot(String endpoint, long queueLength) {
        return new MetricsSnapshot(endpoint, "2", "sales-2", "id", 10, 1, 5, 2, TIMING, TIMING, queueLength, 4,
                true, 6, true);
    }

    @Test
    void countersGaugesAndHistogramsCarryEndpointAndInstanceLabels() {
        String text = TextFormat.render(List.of(snapshot("Sales", 7)));
        assertTrue(text.contains("# TYPE edgebus_messages_processed_total counter\n"
                + "edgebus_messages_processed_total{endpoint=\"Sales\",instance=\"2\"} 10\n"), text);
        assertTrue(text.contains("edgebus_retries_total{endpoint=\"Sales\",instance=\"2\",kind=\"delayed\"} 2\n"));
        assertTrue(text.contains("edgebus_processing_seconds_bucket{endpoint=\"Sales\",instance=\"2\",le=\"0.25\"} 3\n"));
        assertTrue(text.contains("edgebus_processing_seconds_bucket{endpoint=\"Sales\",instance=\"2\",le=\"+Inf\"} 4\n"));
        assertTrue(text.contains("edgebus_critical_time_seconds_sum{endpoint=\"Sales\",instance=\"2\"} 0.9\n"));
        assertTrue(text.contains("edgebus_queue_length{endpoint=\"Sales\",instance=\"2\"} 7\n"));
        assertTrue(text.contains("edgebus_concurrency_limit{endpoint=\"Sales\",instance=\"2\"} 4\n"));
        assertTrue(text.contains("edgebus_rate_limited{endpoint=\"Sales\",instance=\"2\"} 1\n"), text);
        assertTrue(text.contains("edgebus_consecutive_failures{endpoint=\"Sales\",instance=\"2\"} 6\n"), text);
        assertTrue(text.contains("# TYPE edgebus_receive_stalled gauge\n"
                + "edgebus_receive_stalled{endpoint=\"Sales\",instance=\"2\"} 1\n"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void anUnknownQueueLengthIsLeftOutAndLabelValuesAreEscaped() {
        String text = TextFormat.render(List.of(snapshot("a\"b\\c\nd", -1)));
        assertFalse(text.contains("edgebus_queue_length{"), text);
        assertTrue(text.contains("endpoint=\"a\\\"b\\\\c\\nd\""), text);
    }

    @Test
    void samplesOfOtherSourcesFormOneFamilyPerNameWithTheirLabelsInOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("bridge", "booth");
        ab.put("from", "A(side-a)");
        Map<String, String> ba = new LinkedHashMap<>(ab);
        ba.put("from", "B(side-b)");
        String text = TextFormat.render(List.of(), List.of(
                new MetricSample("edgebus_bridge_forwarded_total", Kind.COUNTER, "Forwarded.", ab, 3),
                new MetricSample("edgebus_bridge_backlog", Kind.GAUGE, "Waiting.\nSecond line", ab, 0),
                new MetricSample("edgebus_bridge_forwarded_total", Kind.COUNTER, "Forwarded.", ba, 5)));
        assertTrue(text.endsWith("""
                # HELP edgebus_bridge_backlog Waiting.\\nSecond line
                # TYPE edgebus_bridge_backlog gauge
                edgebus_bridge_backlog{bridge="booth",from="A(side-a)"} 0
                # HELP edgebus_bridge_forwarded_total Forwarded.
                # TYPE edgebus_bridge_forwarded_total counter
                edgebus_bridge_forwarded_total{bridge="booth",from="A(side-a)"} 3
                edgebus_bridge_forwarded_total{bridge="booth",from="B(side-b)"} 5
                """), text);
    }

    @Test
    void aSampleNamedLikeAnEndpointFamilyIsLeftOut() {
        String text = TextFormat.render(List.of(snapshot("Sales", 7)), List.of(
                new MetricSample("edgebus_queue_length", Kind.GAUGE, "Clash.", Map.of("queue", "x"), 1)));
        assertFalse(text.contains("Clash."), text);
        assertEquals(1, text.split("# TYPE edgebus_queue_length ", -1).length - 1);
    }

    @Test
    void numbersHaveNoExponent() {
        assertEquals("0.001", TextFormat.number(0.001));
        assertEquals("12", TextFormat.number(12.0));
        assertEquals("0.0000005", TextFormat.number(5e-7));
    }
}
