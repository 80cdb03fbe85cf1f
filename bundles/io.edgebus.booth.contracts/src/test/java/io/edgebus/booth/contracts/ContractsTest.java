package io.edgebus.booth.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractsTest {

    @Test
    void everyFieldIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlaceOrder("o", " "));
        assertEquals("campaign is required", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OrderPlaced(null));
        assertThrows(IllegalArgumentException.class, () -> new RaffleWinnerSelected("o", ""));
    }

    @Test
    void theLabelIsFourUppercaseLettersAndStableForAnOrder() {
        String id = UUID.randomUUID().toString();
        assertTrue(OrderLabel.of(id).matches("[A-Z]{4}"), OrderLabel.of(id));
        assertEquals(OrderLabel.of(id), OrderLabel.of(id));
        assertTrue(OrderLabel.of("not-a-uuid").matches("[A-Z]{4}"));
    }

    @Test
    void labelsCollideAmongThousandsOfOrdersSoTheyAreNeverUsedAsIds() {
        Set<String> seen = new HashSet<>();
        int collisions = 0;
        for (int i = 0; i < 5_000; i++) {
            if (!seen.add(OrderLabel.of(UUID.randomUUID().toString()))) {
                collisions++;
            }
        }
        // Birthday bound: 5,000 labels out of 456,976 collide ~27 times on average.
        assertTrue(collisions > 0, "no collision in 5,000 labels: the label space is not what the UI assumes");
    }
}
