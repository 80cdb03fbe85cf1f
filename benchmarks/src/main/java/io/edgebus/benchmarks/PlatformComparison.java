package io.edgebus.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 5, acceptance 6: the cost of the platform features on the relay. Each round runs the EdgeBus
 * relay three times: bare (audit, saga audit, heartbeats, metrics off; no retries), without audit
 * (heartbeats every 10 s, metrics every 5 s, 5 immediate + 3 delayed retries configured) and full (the
 * same plus an audit copy of every message). The ratio full/bare is the price, target at least 0.85.
 */
final class PlatformComparison {
    static final double TARGET = 0.85;
    static final String AUDIT = "bench-audit";
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

    private PlatformComparison() {
    }

    static void run(RelayBenchmark benchmark, Connection connection, int rounds) throws Exception {
        List<EdgeBusResult> bare = new ArrayList<>();
        List<EdgeBusResult> full = new ArrayList<>();
        List<EdgeBusResult> noAudit = new ArrayList<>();
        for (String q : List.of(AUDIT, SERVICE_CONTROL, MONITORING)) {
            benchmark.addCleanup(() -> benchmark.deleteQueue(connection, q));
        }
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "%n===== round %d of %d: bare, then metrics + heartbeats + retries, then also audit%n",
                    round, rounds);
            benchmark.endpointSettings = BARE;
            bare.add(benchmark.edgeBusRelay(connection));
            freshPlatformQueues(connection);
            benchmark.endpointSettings = NO_AUDIT;
            noAudit.add(benchmark.edgeBusRelay(connection));
            freshPlatformQueues(connection);
            benchmark.endpointSettings = FULL;
            EdgeBusResult r = benchmark.edgeBusRelay(connection);
            full.add(r);
            try (Channel ch = connection.createChannel()) {
                System.out.printf(Locale.ROOT, "(full) audit copies in %s: %,d; metrics reports in %s: %,d%n", AUDIT,
                        ch.messageCount(AUDIT), MONITORING, ch.messageCount(MONITORING));
            }
        }
        double bareRate = bare.stream().mapToDouble(b -> b.relay().rate()).average().orElse(Double.NaN);
        double fullRate = full.stream().mapToDouble(b -> b.relay().rate()).average().orElse(Double.NaN);
        String fmt = "| %-44s | %14s | %-8s | %-4s |%n";
        System.out.println();
        System.out.printf(Locale.ROOT, fmt, "figure (mean of " + rounds + ")", "value", "target", "");
        System.out.printf(Locale.ROOT, fmt, "-".repeat(44), "-".repeat(14), "-".repeat(8), "----");
        System.out.printf(Locale.ROOT, fmt, "bare relay rate", String.format(Locale.ROOT, "%,.0f msg/s", bareRate), "", "");
        double noAuditRate = noAudit.stream().mapToDouble(b -> b.relay().rate()).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, fmt, "metrics + heartbeats + retries relay rate",
                String.format(Locale.ROOT, "%,.0f msg/s", noAuditRate), "", "");
        System.out.printf(Locale.ROOT, fmt, "audit + metrics + retries relay rate",
                String.format(Locale.ROOT, "%,.0f msg/s", fullRate), "", "");
        System.out.printf(Locale.ROOT, fmt, "runtime CPU/message bare, no audit, full", String.format(Locale.ROOT,
                "%.0f/%.0f/%.0f us", cpu(bare, false), cpu(noAudit, false), cpu(full, false)), "", "");
        System.out.printf(Locale.ROOT, fmt, "broker CPU/message bare, no audit, full", String.format(Locale.ROOT,
                "%.0f/%.0f/%.0f us", cpu(bare, true), cpu(noAudit, true), cpu(full, true)), "", "");
        System.out.printf(Locale.ROOT, fmt, "ratio no audit / bare", String.format(Locale.ROOT, "%.2f",
                noAuditRate / bareRate), "", "");
        double ratio = fullRate / bareRate;
        System.out.printf(Locale.ROOT, fmt, "ratio full / bare", String.format(Locale.ROOT, "%.2f", ratio),
                ">= " + TARGET, ratio >= TARGET ? "PASS" : "MISS");
        System.out.println("per round: bare " + rates(bare) + " msg/s; no audit " + rates(noAudit) + " msg/s; full "
                + rates(full) + " msg/s");
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

    private static double cpu(List<EdgeBusResult> results, boolean broker) {
        return results.stream().mapToDouble(r -> broker ? r.relay().brokerCpuMicros() : r.relay().relayCpuMicros())
                .average().orElse(Double.NaN);
    }

    private static String rates(List<EdgeBusResult> results) {
        return String.join(" / ", results.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.relay().rate())).toList());
    }
}
