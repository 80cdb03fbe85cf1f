package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written header formats against their reference. */
class WireFormatsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern(Headers.TIME_FORMAT).withZone(ZoneOffset.UTC);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void wireTimeWritesWhatTheFormatterWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2026-11-29T10:44:01.123456789Z"),
                Instant.parse("2000-02-29T23:59:59.999999999Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.000001Z"), Instant.parse("-0001-06-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"));
        for (Instant t : edges) {
            assertEquals(REFERENCE.format(t), WireTime.format(t), t.toString());
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(t), WireTime.format(t), t.toString());
        }
        Instant now = Instant.now();
        assertEquals(now.toEpochMilli() / 1000, WireTime.parse(WireTime.format(now)).toEpochMilli() / 1000);
    }

    @Test
    void messageIdsAreVersion7UuidsInTimeOrderAndUniqueAcrossThreads() throws Exception {
        String id = MessageIds.next();
        assertTrue(UUID_TEXT.matcher(id).matches(), id);
        UUID parsed = UUID.fromString(id);
        assertEquals(7, parsed.version());
        assertEquals(2, parsed.variant());
        long millis = parsed.getMostSignificantBits() >>> 16;
        assertTrue(Math.abs(System.currentTimeMillis() - millis) < 10_000, "carries the time: " + millis);
        assertTrue(MessageIds.uuid(1_000).compareTo(MessageIds.uuid(2_000)) < 0, "sorts by time");

        Set<String> all = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(threads.submit(() -> {
                Set<String> mine = new HashSet<>();
                for (int i = 0; i < 50_000; i++) {
                    mine.add(MessageIds.next());
                }
                all.addAll(mine);
                return mine.size();
            }));
        }
        for (Future<Integer> f : done) {
            assertEquals(50_000, f.get());
        }
        threads.shutdown();
        assertEquals(400_000, all.size(), "no id twice");
    }
}
