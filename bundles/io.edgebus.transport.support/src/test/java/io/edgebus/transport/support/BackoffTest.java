package io.edgebus.transport.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void delaysDoubleFromTheInitialDelayWithinTwentyPercentJitter() {
        for (int i = 0; i < 200; i++) {
            assertBetween(400, 600, backoff.delayMillis(0));
            assertBetween(800, 1_200, backoff.delayMillis(1));
            assertBetween(3_200, 4_800, backoff.delayMillis(3));
        }
    }

    @Test
    void delaysNeverExceedTheMaximumEvenAfterManyAttempts() {
        for (int retry = 0; retry < 10_000; retry += 97) {
            long delay = backoff.delayMillis(retry);
            assertTrue(delay >= 1 && delay <= 30_000, "retry " + retry + ": " + delay);
        }
        assertBetween(24_000, 30_000, backoff.delayMillis(Integer.MAX_VALUE));
    }

    @Test
    void jitterSpreadsDelays() {
        long first = backoff.delayMillis(2);
        boolean differs = false;
        for (int i = 0; i < 50 && !differs; i++) {
            differs = backoff.delayMillis(2) != first;
        }
        assertTrue(differs, "50 identical delays: no jitter");
    }

    private static void assertBetween(long min, long max, long actual) {
        assertTrue(actual >= min && actual <= max, actual + " not in " + min + ".." + max);
    }
}
