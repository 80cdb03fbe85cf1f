package io.edgebus.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricSample.Kind;
import io.edgebus.bridge.DirectionMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeSeriesTest {
    private static final DirectionMetrics A_TO_B = new DirectionMetrics("A(side-a)", "B(side-b)", 12, 2, 1, 3, 4,
            250, 1500, 7, "CONNECTED", "RECONNECTING", 1);

    @Test
    void eachFigureIsASampleLabelledByBridgeAndDirection() {
        List<MetricSample> samples = BridgeSeries.of("booth", List.of(A_TO_B));
        MetricSample forwarded = find(samples, "edgebus_bridge_forwarded_total", null);
        assertEquals(Kind.COUNTER, forwarded.kind());
        assertEquals(12, forwarded.value());
        assertEquals(List.of("bridge", "from", "to"), List.copyOf(forwarded.labels().keySet()));
        assertEquals(Map.of("bridge", "booth", "from", "A(side-a)", "to", "B(side-b)"), forwarded.labels());
        assertEquals(2, find(samples, "edgebus_bridge_errors_total", null).value());
        assertEquals(1, find(samples, "edgebus_bridge_too_large_total", null).value());
        assertEquals(3, find(samples, "edgebus_bridge_dedup_hits_total", null).value());
        assertEquals(4, find(samples, "edgebus_bridge_retries_total", null).value());
        assertEquals(1, find(samples, "edgebus_bridge_link_downs_total", null).value());
        assertEquals(0.25, find(samples, "edgebus_bridge_last_lag_seconds", null).value());
        assertEquals(1.5, find(samples, "edgebus_bridge_max_lag_seconds", null).value());
        assertEquals(Kind.GAUGE, find(samples, "edgebus_bridge_backlog", null).kind());
        assertEquals(7, find(samples, "edgebus_bridge_backlog", null).value());
        assertEquals(1, find(samples, "edgebus_bridge_link_connected", "source").value());
        assertEquals(0, find(samples, "edgebus_bridge_link_connected", "target").value());
    }

    @Test
    void anUnknownBacklogIsLeftOut() {
        DirectionMetrics unknown = new DirectionMetrics("B(side-b)", "A(side-a)", 0, 0, 0, 0, 0, 0, 0, -1,
                "CONNECTED", "CONNECTED", 0);
        assertFalse(BridgeSeries.of("booth", List.of(unknown)).stream()
                .anyMatch(s -> s.name().equals("edgebus_bridge_backlog")));
    }

    private static MetricSample find(List<MetricSample> samples, String name, String side) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> side == null || side.equals(s.labels().get("side")))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name));
    }
}
