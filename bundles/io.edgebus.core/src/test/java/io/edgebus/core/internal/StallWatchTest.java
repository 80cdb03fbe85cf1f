package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private static final long S = 1_000_000_000L;
    private final StallWatch watch = new StallWatch("sales-1", "Sales", Duration.ofSeconds(60));

    @Test
    void nothingReceivedForTheLimitWhileMessagesWaitRaisesTheAlarmAndAMessageClearsIt() {
        watch.check(0, true, 5, 100);
        watch.check(59 * S, true, 5, 100);
        assertFalse(watch.stalled(), "not before the limit");
        watch.check(60 * S, true, 5, 100);
        assertTrue(watch.stalled());
        watch.check(61 * S, true, 5, 101);
        assertFalse(watch.stalled(), "a message arrived");
    }

    @Test
    void anEmptyQueueOrAnUnknownLengthOrNoConnectionIsNoStallAndRestartsTheClock() {
        watch.check(0, true, 0, 7);
        watch.check(100 * S, true, 0, 7);
        assertFalse(watch.stalled(), "nothing waits: idle, not stalled");
        watch.check(101 * S, true, 3, 7);
        watch.check(150 * S, true, 3, 7);
        assertFalse(watch.stalled(), "the clock started when messages began to wait");
        watch.check(161 * S, true, 3, 7);
        assertTrue(watch.stalled());
        watch.check(162 * S, false, -1, 7);
        assertFalse(watch.stalled(), "reconnecting is reported as such, not as a stall");
        watch.check(163 * S, true, -1, 7);
        watch.check(300 * S, true, -1, 7);
        assertFalse(watch.stalled(), "unknown length: no alarm");
    }

    @Test
    void theCheckPeriodIsAQuarterOfTheLimitBetweenOneAndFifteenSeconds() {
        assertEquals(Duration.ofSeconds(15), StallWatch.period(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(15), StallWatch.period(Duration.ofHours(1)));
        assertEquals(Duration.ofSeconds(1), StallWatch.period(Duration.ofSeconds(2)));
        assertEquals(Duration.ofMillis(2_500), StallWatch.period(Duration.ofSeconds(10)));
    }
}
