package io.edgebus.bridge.internal;

import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricSample.Kind;
import io.edgebus.bridge.DirectionMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bridge's direction figures as Prometheus samples, labelled by bridge and direction. */
final class BridgeSeries {
    private BridgeSeries() {
    }

    static List<MetricSample> of(String bridge, List<DirectionMetrics> directions) {
        List<MetricSample> out = new ArrayList<>();
        for (DirectionMetrics d : directions) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("bridge", bridge);
            labels.put("from", d.from());
            labels.put("to", d.to());
            out.add(counter("edgebus_bridge_forwarded_total",
                    "Messages the target confirmed and the source then settled.", labels, d.forwarded()));
            out.add(counter("edgebus_bridge_errors_total",
                    "Messages moved to the source side's error queue (no route, refused, too large).", labels, d.errors()));
            out.add(counter("edgebus_bridge_too_large_total",
                    "Of the errors, messages larger than the target takes.", labels, d.tooLarge()));
            out.add(counter("edgebus_bridge_dedup_hits_total",
                    "Messages not forwarded again: the same message id already went to the same endpoint.", labels,
                    d.dedupHits()));
            out.add(counter("edgebus_bridge_retries_total",
                    "Forwards retried because the target was unavailable.", labels, d.retries()));
            out.add(counter("edgebus_bridge_link_downs_total",
                    "Connection losses on the source and target side.", labels, d.linkDowns()));
            out.add(gauge("edgebus_bridge_last_lag_seconds",
                    "Time sent to the target's confirmation, of the last forwarded message.", labels,
                    d.lastLagMillis() / 1000.0));
            out.add(gauge("edgebus_bridge_max_lag_seconds",
                    "The largest time sent to confirmation lag so far.", labels, d.maxLagMillis() / 1000.0));
            if (d.backlog() >= 0) {
                out.add(gauge("edgebus_bridge_backlog", "Messages waiting in the source side's proxy queues.",
                        labels, d.backlog()));
            }
            out.add(link(labels, "source", d.sourceLink()));
            out.add(link(labels, "target", d.targetLink()));
        }
        return out;
    }

    private static MetricSample link(Map<String, String> direction, String side, String state) {
        Map<String, String> labels = new LinkedHashMap<>(direction);
        labels.put("side", side);
        return gauge("edgebus_bridge_link_connected", "1 while the side's connection is up (CONNECTED), else 0.",
                labels, "CONNECTED".equals(state) ? 1 : 0);
    }

    private static MetricSample counter(String name, String help, Map<String, String> labels, double value) {
        return new MetricSample(name, Kind.COUNTER, help, labels, value);
    }

    private static MetricSample gauge(String name, String help, Map<String, String> labels, double value) {
        return new MetricSample(name, Kind.GAUGE, help, labels, value);
    }
}
