package io.edgebus.monitoring.prometheus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.monitoring.MetricsSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    private static final MetricsSnapshot.Timing TIMING = new MetricsSnapshot.Timing(new double[] {0.1, 0.25},
            new long[] {1, 3}, 4, 0.9);

    private static MetricsSnapshot snapshot(String endpoint, long queueLength) {
        return new MetricsSnapshot(endpoint, "2", "sales-2", "id", 10, 1, 5, 2, TIMING, TIMING, queueLength, 4,
                true, 6);
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
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void anUnknownQueueLengthIsLeftOutAndLabelValuesAreEscaped() {
        String text = TextFormat.render(List.of(snapshot("a\"b\\c\nd", -1)));
        assertFalse(text.contains("edgebus_queue_length{"), text);
        assertTrue(text.contains("endpoint=\"a\\\"b\\\\c\\nd\""), text);
    }

    @Test
    void numbersHaveNoExponent() {
        assertEquals("0.001", TextFormat.number(0.001));
        assertEquals("12", TextFormat.number(12.0));
        assertEquals("0.0000005", TextFormat.number(5e-7));
    }
}
