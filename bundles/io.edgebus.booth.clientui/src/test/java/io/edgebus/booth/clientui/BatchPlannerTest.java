package io.edgebus.booth.clientui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static List<Integer> batches(long seed, int rate, int noise, int count) {
        BatchPlanner planner = new BatchPlanner(new Random(seed), 5);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sizes.add(planner.next(rate, noise));
        }
        return sizes;
    }

    @Test
    void withoutNoiseEveryBatchIsRateTimesSeconds() {
        assertEquals(List.of(15, 15, 15), batches(1, 3, 0, 3));
        assertEquals(List.of(0, 0), batches(1, 0, 9, 2), "rate 0 is manual mode: no batches");
    }

    @Test
    void noiseWalksByAtMostNoisePerBatchWithinZeroToTwiceNominal() {
        List<Integer> sizes = batches(42, 2, 4, 500);
        int previous = 10;
        for (int size : sizes) {
            assertTrue(Math.abs(size - previous) <= 4, "step " + previous + " -> " + size);
            assertTrue(size >= 0 && size <= 20, "size " + size);
            previous = size;
        }
        assertNotEquals(1, sizes.stream().distinct().count(), "it does wander");
    }

    @Test
    void sameSeedSameBatches() {
        assertEquals(batches(7, 5, 6, 50), batches(7, 5, 6, 50));
    }

    @Test
    void turningNoiseOffReturnsToNominal() {
        BatchPlanner planner = new BatchPlanner(new Random(3), 5);
        for (int i = 0; i < 20; i++) {
            planner.next(4, 9);
        }
        assertEquals(20, planner.next(4, 0));
    }
}
