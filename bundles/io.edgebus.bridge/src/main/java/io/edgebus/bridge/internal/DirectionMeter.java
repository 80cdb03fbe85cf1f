package io.edgebus.bridge.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/** Counters of one direction; written on transport threads, read by the reporter and snapshots. */
final class DirectionMeter {
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong tooLarge = new AtomicLong();
    final AtomicLong dedupHits = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong lastLagMillis = new AtomicLong(-1);
    final LongAccumulator maxLagMillis = new LongAccumulator(Math::max, -1);

    void forwarded(long lagMillis) {
        forwarded.incrementAndGet();
        if (lagMillis >= 0) {
            lastLagMillis.set(lagMillis);
            maxLagMillis.accumulate(lagMillis);
        }
    }
}
