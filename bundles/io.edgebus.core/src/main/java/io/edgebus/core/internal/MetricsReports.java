package io.edgebus.core.internal;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Turns the meter's running totals into one report per interval (what changed since the last). */
final class MetricsReports {
    private final HostInfo host;
    private final EndpointMeter meter;
    private final IntSupplier concurrency;
    private final Supplier<OptionalLong> queueLength;
    private final Supplier<RateLimitGate.Status> rateLimit;
    private Totals last; // the monitor thread only

    private record Totals(long nanos, Instant at, long processed, long processingCount, long processingNanos,
                          long criticalCount, long criticalNanos, long immediate, long delayed, long failed) {
    }

    MetricsReports(HostInfo host, EndpointMeter meter, IntSupplier concurrency, Supplier<OptionalLong> queueLength,
                   Supplier<RateLimitGate.Status> rateLimit) {
        this.rateLimit = rateLimit;
        this.host = host;
        this.meter = meter;
        this.concurrency = concurrency;
        this.queueLength = queueLength;
    }

    /** The report of the interval since the previous call (null on the first call, which starts it). */
    PlatformMessages.EndpointMetricsReport next() {
        Totals now = new Totals(System.nanoTime(), Instant.now(), meter.processed.sum(), meter.processing.count(),
                meter.processing.sumNanos(), meter.critical.count(), meter.critical.sumNanos(),
                meter.immediateRetries.sum(), meter.delayedRetries.sum(), meter.failed.sum());
        long processingMax = meter.processing.maxThenReset();
        long criticalMax = meter.critical.maxThenReset();
        Totals prev = last;
        last = now;
        if (prev == null) {
            return null;
        }
        double seconds = Math.max(1e-9, (now.nanos - prev.nanos) / 1e9);
        long processed = now.processed - prev.processed;
        RateLimitGate.Status limit = rateLimit.get();
        return new PlatformMessages.EndpointMetricsReport(host.endpointName(), host.instanceId(), host.hostId(),
                host.displayName(), prev.at.toString(), now.at.toString(), processed, processed / seconds,
                averageMs(now.processingNanos - prev.processingNanos, now.processingCount - prev.processingCount),
                processingMax / 1e6,
                averageMs(now.criticalNanos - prev.criticalNanos, now.criticalCount - prev.criticalCount),
                criticalMax / 1e6, now.immediate - prev.immediate, now.delayed - prev.delayed,
                now.failed - prev.failed, queueLength.get().orElse(-1), concurrency.getAsInt(), limit.throttled(),
                limit.consecutiveFailures());
    }

    private static double averageMs(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1e6 / count;
    }
}
