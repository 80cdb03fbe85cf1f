package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayedDeliveryTest {

    @Test
    void routingKeyIsTheDelayAs28BinaryDigitsThenTheAddress() {
        assertEquals("0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.1.Sales",
                DelayedDelivery.routingKey(5, "Sales"));
        assertEquals("0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.Sales",
                DelayedDelivery.routingKey(0, "Sales"));
        assertEquals("1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.q",
                DelayedDelivery.routingKey(DelayedDelivery.MAX_DELAY_SECONDS, "q"));
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.q",
                DelayedDelivery.routingKey(1L << 27, "q"));
    }

    @Test
    void aMessageEntersAtTheLevelOfItsHighestSetBit() {
        assertEquals(0, DelayedDelivery.startingLevel(0));
        assertEquals(0, DelayedDelivery.startingLevel(1));
        assertEquals(2, DelayedDelivery.startingLevel(5));
        assertEquals(6, DelayedDelivery.startingLevel(100));
        assertEquals(27, DelayedDelivery.startingLevel(DelayedDelivery.MAX_DELAY_SECONDS));
    }

    @Test
    void levelsAreNamedWithTwoDigits() {
        assertEquals("nsb.v2.delay-level-00", DelayedDelivery.levelName(0));
        assertEquals("nsb.v2.delay-level-27", DelayedDelivery.levelName(27));
    }

    @Test
    void delaysRoundUpToWholeSecondsSoNothingArrivesEarly() {
        assertEquals(1, DelayedDelivery.delaySeconds(Duration.ofMillis(1)));
        assertEquals(2, DelayedDelivery.delaySeconds(Duration.ofMillis(1_500)));
        assertEquals(3, DelayedDelivery.delaySeconds(Duration.ofSeconds(3)));
        assertEquals(0, DelayedDelivery.delaySeconds(Duration.ZERO));
    }

    @Test
    void delaysBeyond28BitsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DelayedDelivery.routingKey(DelayedDelivery.MAX_DELAY_SECONDS + 1, "q"));
        assertThrows(IllegalArgumentException.class, () -> DelayedDelivery.startingLevel(-1));
    }

    @Test
    void eachDestinationBindsEverythingEndingInItsAddress() {
        assertEquals("#.Sales", DelayedDelivery.bindingKey("Sales"));
    }
}
