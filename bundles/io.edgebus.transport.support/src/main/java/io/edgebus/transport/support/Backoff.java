package io.edgebus.transport.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with ±20 % jitter, so edge devices that lost the broker at the same moment
 * do not all come back at the same moment.
 */
public final class Backoff {
    private static final double JITTER = 0.2;

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before retry number {@code retry + 1}; {@code retry} 0 is the first retry. */
    public long delayMillis(int retry) {
        double base = Math.min(maxMillis, initialMillis * Math.pow(2, Math.min(Math.max(retry, 0), 40)));
        double factor = 1 - JITTER + ThreadLocalRandom.current().nextDouble() * 2 * JITTER;
        return Math.max(1, Math.min(maxMillis, Math.round(base * factor)));
    }
}
