package io.edgebus.core.internal;

import io.edgebus.api.monitoring.MetricsSnapshot;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of durations, recorded from many threads without a lock or an allocation: striped
 * adders per bucket, plus the largest value since the last report.
 */
final class Timer {
    static final double[] BOUNDS_SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = (long) (BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length];
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    Timer() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        long n = Math.max(0, nanos);
        count.increment();
        sumNanos.add(n);
        max.accumulate(n);
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            if (n <= BOUNDS_NANOS[i]) {
                buckets[i].increment();
                return;
            }
        }
    }

    long count() {
        return count.sum();
    }

    long sumNanos() {
        return sumNanos.sum();
    }

    /** The largest value recorded since the previous call (the metrics report's interval). */
    long maxThenReset() {
        return max.getThenReset();
    }

    MetricsSnapshot.Timing snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new MetricsSnapshot.Timing(BOUNDS_SECONDS, cumulative, count.sum(), sumNanos.sum() / 1e9);
    }
}
