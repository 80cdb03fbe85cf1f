package io.edgebus.api.monitoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sample of a {@link MetricSource}.
 *
 * @param name a Prometheus metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}); counters end in {@code _total}
 * @param kind counter (only grows) or gauge
 * @param help one line saying what it counts
 * @param labels label names ({@code [a-zA-Z_][a-zA-Z0-9_]*}) to values; kept in the given order
 * @param value the value now
 * @since 1.2
 */
public record MetricSample(String name, Kind kind, String help, Map<String, String> labels, double value) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** What a sample measures, as Prometheus types it. */
    public enum Kind { COUNTER, GAUGE }

    public MetricSample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: not a Prometheus metric name: " + name);
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!LABEL.matcher(label.getKey()).matches() || label.getKey().startsWith("__")) {
                throw new IllegalArgumentException("labels: not a Prometheus label name: " + label.getKey());
            }
            Objects.requireNonNull(label.getValue(), "label value of " + label.getKey());
        }
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
