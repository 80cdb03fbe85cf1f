package io.edgebus.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 5, acceptance 6: the cost of the platform features on the relay. Each round runs the EdgeBus
 * relay three times: bare (audit, saga audit, heartbeats, metrics off; no retries), without audit
 * (heartbeats every 10 s, metrics every 5 s, 5 immediate + 3 delayed retries configured) and full (the
 * same plus an audit copy of every message). The ratio full/bare is the price, target at least 0.85.
 * Each round also runs the raw client relay without and with the same audit copy: what that second
 * publish costs when no framework is involved, on the same broker and cores. Odd rounds run in that
 * order, even rounds in reverse, so neither side always gets the warmer (or more tired) broker.
 */
final class PlatformComparison {
    static final double TARGET = 0.85;
    static final String AUDIT = "bench-audit";
    static final String RAW_AUDIT = "bench-raw-audit";
    static final String SERVICE_CONTROL = "bench-servicecontrol";
    static final String MONITORING = "bench-monitoring";

    static final List<String> BARE = List.of("auditQueue=", "sagaAuditQueue=", "serviceControlQueue=",
            "monitoringQueue=", "immediateRetries=0", "delayedRetries=0");
    /** Everything but the audit copy: what the endpoint itself pays, without a second publish per message. */
    static final List<String> NO_AUDIT = List.of("auditQueue=", "sagaAuditQueue=" + SERVICE_CONTROL,
            "serviceControlQueue=" + SERVICE_CONTROL, "heartbeatIntervalSeconds=10", "monitoringQueue=" + MONITORING,
            "metricsIntervalSeconds=5", "immediateRetries=5", "delayedRetries=3");
    static final List<String> FULL = List.of("auditQueue=" + AUDIT, "sagaAuditQueue=" + SERVICE_CONTROL,
            "serviceControlQueue=" + SERVICE_CONTROL, "heartbeatIntervalSeconds=10", "monitoringQueue=" + MONITORING,
            "metricsIntervalSeconds=5", "immediateRetries=5", "delayedRetries=3");

    private enum Run { RAW, RAW_WITH_AUDIT, BARE, NO_AUDIT, FULL }

    private PlatformComparison() {
    }

    static void run(RelayBenchmark benchmark, Connection connection, int rounds) throws Exception {
        Map<Run, List<Result>> results = new EnumMap<>(Run.class);
        for (Run run : Run.values()) {
            results.put(run, new ArrayList<>());
        }
        for (String q : List.of(AUDIT, SERVICE_CONTROL, MONITORING)) {
            benchmark.addCleanup(() -> benchmark.deleteQueue(connection, q));
        }
        for (int round = 1; round <= rounds; round++) {
            List<Run> order = new ArrayList<>(List.of(Run.values()));
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            System.out.printf(Locale.ROOT, "%n===== round %d of %d: %s%n", round, rounds, order);
            for (Run run : order) {
                results.get(run).add(once(benchmark, connection, run));
            }
        }
        print(results, rounds);
    }

    private static Result once(RelayBenchmark benchmark, Connection connection, Run run) throws Exception {
        System.out.printf(Locale.ROOT, "%n----- %s%n", run);
        switch (run) {
            case RAW -> {
                return benchmark.rawRelay(connection, null);
            }
            case RAW_WITH_AUDIT -> {
                return benchmark.rawRelay(connection, RAW_AUDIT);
            }
            default -> {
                freshPlatformQueues(connection);
                benchmark.endpointSettings = run == Run.BARE ? BARE : run == Run.NO_AUDIT ? NO_AUDIT : FULL;
                Result r = benchmark.edgeBusRelay(connection).relay();
                if (run == Run.FULL) {
                    try (Channel ch = connection.createChannel()) {
                        System.out.printf(Locale.ROOT, "(full) audit copies in %s: %,d; metrics reports in %s: %,d%n",
                                AUDIT, ch.messageCount(AUDIT), MONITORING, ch.messageCount(MONITORING));
                    }
                }
                return r;
            }
        }
    }

    private static void print(Map<Run, List<Result>> results, int rounds) {
        double raw = rate(results.get(Run.RAW));
        double rawAudit = rate(results.get(Run.RAW_WITH_AUDIT));
        double bare = rate(results.get(Run.BARE));
        double noAudit = rate(results.get(Run.NO_AUDIT));
        double full = rate(results.get(Run.FULL));
        String fmt = "| %-52s | %16s | %-8s | %-4s |%n";
        System.out.println();
        System.out.printf(Locale.ROOT, fmt, "figure (mean of " + rounds + ")", "value", "target", "");
        System.out.printf(Locale.ROOT, fmt, "-".repeat(52), "-".repeat(16), "-".repeat(8), "----");
        row(fmt, "raw client relay rate, without / with audit copy",
                String.format(Locale.ROOT, "%,.0f / %,.0f", raw, rawAudit));
        row(fmt, "EdgeBus relay rate bare / no audit / full",
                String.format(Locale.ROOT, "%,.0f/%,.0f/%,.0f", bare, noAudit, full));
        row(fmt, "relay CPU/message raw, raw + audit (us)", String.format(Locale.ROOT, "%.0f / %.0f",
                cpu(results.get(Run.RAW), false), cpu(results.get(Run.RAW_WITH_AUDIT), false)));
        row(fmt, "runtime CPU/message bare, no audit, full (us)", String.format(Locale.ROOT, "%.0f/%.0f/%.0f",
                cpu(results.get(Run.BARE), false), cpu(results.get(Run.NO_AUDIT), false),
                cpu(results.get(Run.FULL), false)));
        row(fmt, "broker CPU/message raw, raw + audit (us)", String.format(Locale.ROOT, "%.0f / %.0f",
                cpu(results.get(Run.RAW), true), cpu(results.get(Run.RAW_WITH_AUDIT), true)));
        row(fmt, "broker CPU/message bare, no audit, full (us)", String.format(Locale.ROOT, "%.0f/%.0f/%.0f",
                cpu(results.get(Run.BARE), true), cpu(results.get(Run.NO_AUDIT), true),
                cpu(results.get(Run.FULL), true)));
        row(fmt, "raw ceiling: raw with audit / raw", String.format(Locale.ROOT, "%.2f", rawAudit / raw));
        row(fmt, "ratio no audit / bare", String.format(Locale.ROOT, "%.2f", noAudit / bare));
        double ratio = full / bare;
        System.out.printf(Locale.ROOT, fmt, "ratio full / bare", String.format(Locale.ROOT, "%.2f", ratio),
                ">= " + TARGET, ratio >= TARGET ? "PASS" : "MISS");
        // Above 1: the endpoint's audit copy costs it less of its rate than the same copy costs a raw client.
        row(fmt, "full / bare relative to the raw ceiling", String.format(Locale.ROOT, "%.2f", ratio / (rawAudit / raw)));
        System.out.println("per round (msg/s): " + String.join("; ", results.entrySet().stream()
                .map(e -> e.getKey() + " " + rates(e.getValue())).toList()));
    }

    private static void row(String fmt, String figure, String value) {
        System.out.printf(Locale.ROOT, fmt, figure, value, "", "");
    }

    /**
     * The platform queues gone before each run with reports: the endpoint declares them as its transport
     * is configured (quorum here), as in the booth.
     */
    private static void freshPlatformQueues(Connection connection) throws Exception {
        try (Channel ch = connection.createChannel()) {
            for (String q : List.of(AUDIT, SERVICE_CONTROL, MONITORING)) {
                ch.queueDelete(q);
                ch.exchangeDelete(q);
            }
        }
    }

    private static double rate(List<Result> results) {
        return results.stream().mapToDouble(Result::rate).average().orElse(Double.NaN);
    }

    private static double cpu(List<Result> results, boolean broker) {
        return results.stream().mapToDouble(r -> broker ? r.brokerCpuMicros() : r.relayCpuMicros())
                .average().orElse(Double.NaN);
    }

    private static String rates(List<Result> results) {
        return String.join(" / ", results.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rate())).toList());
    }
}
