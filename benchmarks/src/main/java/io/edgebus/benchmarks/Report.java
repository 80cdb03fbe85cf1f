package io.edgebus.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The closing table: figures, targets, PASS/MISS. */
final class Report {
    private Report() {
    }

    /**
     * Rates are averaged over the rounds (a and b alternate, so both see the same mix of machine
     * load); the start time is the median of the rounds; memory the largest.
     */
    static void print(List<Result> raws, List<EdgeBusResult> buses, int concurrency) {
        System.out.println();
        String fmt = "| %-40s | %16s | %-10s | %-4s |%n";
        String n = raws.size() > 1 || buses.size() > 1 ? " (mean of " + Math.max(raws.size(), buses.size()) + ")" : "";
        System.out.printf(Locale.ROOT, fmt, "figure", "value", "target", "");
        System.out.printf(Locale.ROOT, fmt, "-".repeat(40), "-".repeat(16), "-".repeat(10), "----");
        double rawRate = raws.stream().mapToDouble(Result::rate).average().orElse(Double.NaN);
        if (!raws.isEmpty()) {
            System.out.printf(Locale.ROOT, fmt, "(a) raw client relay rate" + n, String.format(Locale.ROOT, "%,.0f msg/s", rawRate), "", "");
            System.out.printf(Locale.ROOT, fmt, "(a) relay client CPU per message", String.format(Locale.ROOT, "%.0f us",
                    raws.stream().mapToDouble(Result::relayCpuMicros).average().orElse(Double.NaN)), "", "");
        }
        if (!buses.isEmpty()) {
            double busRate = buses.stream().mapToDouble(b -> b.relay().rate()).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, fmt, "(b) EdgeBus relay rate" + n, String.format(Locale.ROOT, "%,.0f msg/s", busRate), "", "");
            System.out.printf(Locale.ROOT, fmt, "(b) runtime CPU per message", String.format(Locale.ROOT, "%.0f us",
                    buses.stream().mapToDouble(b -> b.relay().relayCpuMicros()).average().orElse(Double.NaN)), "", "");
            if (!raws.isEmpty()) {
                double ratio = busRate / rawRate;
                System.out.printf(Locale.ROOT, fmt, "ratio (b)/(a), concurrency " + concurrency, String.format(Locale.ROOT, "%.2f", ratio),
                        ">= " + RelayBenchmark.TARGET_RATIO, mark(ratio >= RelayBenchmark.TARGET_RATIO));
            }
            double[] starts = buses.stream().mapToDouble(EdgeBusResult::startToFirstSeconds).sorted().toArray();
            double start = starts.length % 2 == 1 ? starts[starts.length / 2]
                    : (starts[starts.length / 2 - 1] + starts[starts.length / 2]) / 2;
            System.out.printf(Locale.ROOT, fmt, "start to first handled message" + (starts.length > 1 ? " (median)" : ""),
                    String.format(Locale.ROOT, "%.2f s", start), "<= " + RelayBenchmark.TARGET_START_S + " s", mark(start <= RelayBenchmark.TARGET_START_S));
            double rss = buses.stream().mapToLong(EdgeBusResult::rssKb).max().orElse(-1) / 1024.0;
            double hwm = buses.stream().mapToLong(EdgeBusResult::hwmKb).max().orElse(-1) / 1024.0;
            System.out.printf(Locale.ROOT, fmt, "RSS after the run (VmRSS)" + (buses.size() > 1 ? " (largest)" : ""),
                    String.format(Locale.ROOT, "%.0f MB", rss), "<= " + (int) RelayBenchmark.TARGET_RSS_MB + " MB", mark(rss <= RelayBenchmark.TARGET_RSS_MB));
            System.out.printf(Locale.ROOT, fmt, "peak RSS (VmHWM)" + (buses.size() > 1 ? " (largest)" : ""),
                    String.format(Locale.ROOT, "%.0f MB", hwm), "<= " + (int) RelayBenchmark.TARGET_RSS_MB + " MB", mark(hwm <= RelayBenchmark.TARGET_RSS_MB));
            System.out.println("runtime JVM flags: " + (buses.get(0).flags().isBlank() ? "(none)" : buses.get(0).flags()));
        }
        if (raws.size() > 1 || buses.size() > 1) {
            System.out.println("per round: (a) " + join(raws.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rate())))
                    + " msg/s; (b) " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%,.0f", b.relay().rate())))
                    + " msg/s; start " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%.2f", b.startToFirstSeconds())))
                    + " s; VmRSS " + join(buses.stream().map(b -> String.format(Locale.ROOT, "%.0f", b.rssKb() / 1024.0))) + " MB");
        }
    }

    private static String join(Stream<String> values) {
        return String.join(" / ", values.toList());
    }

    private static String mark(boolean pass) {
        return pass ? "PASS" : "MISS";
    }
}
