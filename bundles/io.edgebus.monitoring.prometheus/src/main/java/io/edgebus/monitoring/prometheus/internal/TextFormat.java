package io.edgebus.monitoring.prometheus.internal;

import io.edgebus.api.monitoring.MetricSample;
import io.edgebus.api.monitoring.MetricsSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Snapshots in the Prometheus text exposition format 0.0.4, one family after the other. */
final class TextFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The endpoints' families: another source's sample of such a name would be a second family of it. */
    static final Set<String> ENDPOINT_FAMILIES = Set.of("edgebus_messages_processed_total",
            "edgebus_messages_failed_total", "edgebus_retries_total", "edgebus_processing_seconds",
            "edgebus_critical_time_seconds", "edgebus_queue_length", "edgebus_concurrency_limit",
            "edgebus_rate_limited", "edgebus_consecutive_failures", "edgebus_receive_stalled");

    private TextFormat() {
    }

    static String render(List<MetricsSnapshot> snapshots) {
        return render(snapshots, List.of());
    }

    /** The endpoints' families, then the other sources' samples, one family per name (sorted by name). */
    static String render(List<MetricsSnapshot> snapshots, List<MetricSample> samples) {
        StringBuilder out = new StringBuilder(2048);
        endpoints(out, snapshots);
        Map<String, List<MetricSample>> families = new TreeMap<>();
        for (MetricSample sample : samples) {
            if (ENDPOINT_FAMILIES.contains(sample.name())) {
                continue;
            }
            families.computeIfAbsent(sample.name(), name -> new ArrayList<>()).add(sample);
        }
        for (List<MetricSample> family : families.values()) {
            MetricSample first = family.get(0);
            family(out, first.name(), first.kind().name().toLowerCase(Locale.ROOT), first.help());
            for (MetricSample sample : family) {
                sample(out, sample.name(), labels(sample.labels()), sample.value());
            }
        }
        return out.toString();
    }

    private static void endpoints(StringBuilder out, List<MetricsSnapshot> snapshots) {
        simple(out, snapshots, "edgebus_messages_processed_total", "counter",
                "Messages processed successfully.", s -> s.processed());
        simple(out, snapshots, "edgebus_messages_failed_total", "counter",
                "Messages moved to the error queue.", s -> s.failed());
        family(out, "edgebus_retries_total", "counter", "Retries: immediate (in process) and delayed (via the broker).");
        for (MetricsSnapshot s : snapshots) {
            sample(out, "edgebus_retries_total", labels(s) + ",kind=\"immediate\"", s.immediateRetries());
            sample(out, "edgebus_retries_total", labels(s) + ",kind=\"delayed\"", s.delayedRetries());
        }
        histogram(out, snapshots, "edgebus_processing_seconds",
                "Handler start to end of processing (with the outbox commit), per processed message.",
                MetricsSnapshot::processingTime);
        histogram(out, snapshots, "edgebus_critical_time_seconds",
                "Time sent (sender's clock) to end of processing, per processed message.",
                MetricsSnapshot::criticalTime);
        family(out, "edgebus_queue_length", "gauge", "Messages waiting in the input queue.");
        for (MetricsSnapshot s : snapshots) {
            if (s.queueLength() >= 0) {
                sample(out, "edgebus_queue_length", labels(s), s.queueLength());
            }
        }
        simple(out, snapshots, "edgebus_concurrency_limit", "gauge",
                "Most messages handled at once, as configured.", s -> s.concurrencyLimit());
        simple(out, snapshots, "edgebus_rate_limited", "gauge",
                "1 while auto rate limiting lets one message at a time through.", s -> s.rateLimited() ? 1 : 0);
        simple(out, snapshots, "edgebus_consecutive_failures", "gauge",
                "Failed attempts in a row, as auto rate limiting counts them.", s -> s.consecutiveFailures());
        simple(out, snapshots, "edgebus_receive_stalled", "gauge",
                "1 while connected with messages waiting but none received for the stall alarm time.",
                s -> s.receiveStalled() ? 1 : 0);
    }

    private static void simple(StringBuilder out, List<MetricsSnapshot> snapshots, String name, String type,
                               String help, ToDoubleFunction<MetricsSnapshot> value) {
        family(out, name, type, help);
        for (MetricsSnapshot s : snapshots) {
            sample(out, name, labels(s), value.applyAsDouble(s));
        }
    }

    private static void histogram(StringBuilder out, List<MetricsSnapshot> snapshots, String name, String help,
                                  Function<MetricsSnapshot, MetricsSnapshot.Timing> timing) {
        family(out, name, "histogram", help);
        for (MetricsSnapshot s : snapshots) {
            MetricsSnapshot.Timing t = timing.apply(s);
            double[] bounds = t.bucketBounds();
            long[] counts = t.bucketCounts();
            String labels = labels(s);
            for (int i = 0; i < bounds.length; i++) {
                sample(out, name + "_bucket", labels + ",le=\"" + number(bounds[i]) + "\"", counts[i]);
            }
            sample(out, name + "_bucket", labels + ",le=\"+Inf\"", t.count());
            sample(out, name + "_sum", labels, t.sumSeconds());
            sample(out, name + "_count", labels, t.count());
        }
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    private static String labels(MetricsSnapshot s) {
        return "endpoint=\"" + escape(s.endpoint()) + "\",instance=\"" + escape(s.instance()) + "\"";
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((name, value) -> out.append(out.length() == 0 ? "" : ",").append(name).append("=\"")
                .append(escape(value)).append('"'));
        return out.toString();
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Integers without a fraction, others in plain decimal (no exponent). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
