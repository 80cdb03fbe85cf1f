package io.edgebus.booth.clientui;

import java.util.Random;

/**
 * F16 batch sizes: rate·seconds orders per batch, plus an offset that walks randomly by up to
 * ±noise per batch, so the load wanders like real traffic instead of jumping around a fixed mean.
 * The offset stays within ±(rate·seconds), so a batch holds 0 to twice the nominal orders; noise 0
 * brings it back to exactly nominal.
 */
final class BatchPlanner {
    private final Random random;
    private final int seconds;
    private int offset;

    BatchPlanner(Random random, int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("batch seconds must be at least 1: " + seconds);
        }
        this.random = random;
        this.seconds = seconds;
    }

    int seconds() {
        return seconds;
    }

    /** The next batch's size for rate 0–9 orders/s and noise 0–9. */
    int next(int rate, int noise) {
        int nominal = rate * seconds;
        if (noise == 0) {
            offset = 0;
        } else {
            offset += random.nextInt(2 * noise + 1) - noise;
        }
        offset = Math.max(-nominal, Math.min(nominal, offset));
        return nominal + offset;
    }
}
