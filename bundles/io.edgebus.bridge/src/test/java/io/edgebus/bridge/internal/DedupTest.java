package io.edgebus.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void anIdForwardedToAnEndpointIsSeenAgainOnlyForThatEndpoint() {
        Dedup dedup = new Dedup(Duration.ofMinutes(10), 100, null, clock);
        dedup.record("Billing", "m1");
        assertTrue(dedup.seen("Billing", "m1"));
        assertFalse(dedup.seen("Shipping", "m1"), "an event goes to each subscriber under one id");
    }

    @Test
    void aSecondCopyArrivingWhileTheFirstIsOnItsWayIsADuplicateUnlessTheFirstFails() {
        Dedup dedup = new Dedup(Duration.ofMinutes(10), 100, null, clock);
        assertTrue(dedup.claim("Billing", "m1"));
        assertFalse(dedup.claim("Billing", "m1"), "the first copy is not confirmed yet");
        dedup.release("Billing", "m1");
        assertTrue(dedup.claim("Billing", "m1"), "the first copy failed: the next one goes");
        dedup.record("Billing", "m1");
        assertFalse(dedup.claim("Billing", "m1"));
    }

    @Test
    void idsOlderThanTheWindowAreForgotten() {
        Dedup dedup = new Dedup(Duration.ofSeconds(60), 100, null, clock);
        dedup.record("Billing", "m1");
        clock.now = clock.now.plusSeconds(61);
        assertFalse(dedup.seen("Billing", "m1"));
        assertEquals(0, dedup.size());
    }

    @Test
    void theOldestIdsGoFirstWhenTheCapacityIsReached() {
        Dedup dedup = new Dedup(Duration.ofMinutes(10), 2, null, clock);
        dedup.record("E", "m1");
        dedup.record("E", "m2");
        dedup.record("E", "m3");
        assertFalse(dedup.seen("E", "m1"));
        assertTrue(dedup.seen("E", "m2"));
        assertTrue(dedup.seen("E", "m3"));
    }

    @Test
    void aRestartedBridgeRemembersTheIdsInItsFileAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ids");
        Dedup first = new Dedup(Duration.ofMinutes(10), 100, file, clock);
        first.record("Billing", "m1");
        first.record("Sales", "m2");
        // no close(): as after kill -9, with half a line written when it died
        Files.writeString(file, "17000", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Dedup second = new Dedup(Duration.ofMinutes(10), 100, file, clock);
        assertTrue(second.seen("Billing", "m1"));
        assertTrue(second.seen("Sales", "m2"));
        assertEquals(2, second.size());
        second.close();
    }

    @Test
    void theFileIsCompactedSoItDoesNotGrowWithoutBound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ids");
        Dedup dedup = new Dedup(Duration.ofMinutes(10), 10, file, clock);
        for (int i = 0; i < 1000; i++) {
            dedup.record("E", "m" + i);
        }
        dedup.close();
        assertTrue(Files.readAllLines(file).size() <= 21, "at most twice the capacity, plus one");
        assertTrue(new Dedup(Duration.ofMinutes(10), 10, file, clock).seen("E", "m999"));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
