package io.edgebus.booth.clientui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.contracts.OrderLabel;
import io.edgebus.booth.contracts.PlaceOrder;
import io.edgebus.booth.controls.ManualMode;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderSenderTest {
    private final RecordingBus bus = new RecordingBus();

    private OrderSender sender(long seed) {
        return new OrderSender(() -> bus, new Random(seed), UUID::randomUUID, "TechoramaBE2026", "Website");
    }

    @Test
    void anOrderHasAUuidTheCampaignOfTheRaffleToggleAndItsOwnMessageId() {
        OrderSender sender = sender(1);
        OrderSender.Sent sent = sender.send(false, 0, false);
        sender.send(true, 0, false);

        assertEquals(2, bus.sent.size());
        PlaceOrder first = (PlaceOrder) bus.sent.get(0).message();
        assertEquals(sent.orderId(), first.orderId());
        assertEquals(first.orderId(), UUID.fromString(first.orderId()).toString());
        assertEquals(OrderLabel.of(first.orderId()), sent.label());
        assertEquals("Website", first.campaign());
        assertEquals("TechoramaBE2026", ((PlaceOrder) bus.sent.get(1).message()).campaign());
        String messageId = bus.sent.get(0).options().messageId();
        assertNotEquals(first.orderId(), messageId, "the message id is not derived from the label or order");
        assertNotEquals(messageId, bus.sent.get(1).options().messageId());
        assertNull(bus.sent.get(0).options().headers().get(ManualMode.HEADER));
    }

    @Test
    void aDuplicateIsTheSameMessageWithTheSameIdSentTwice() {
        OrderSender sender = sender(1);
        OrderSender.Sent sent = sender.send(false, 9, true);
        while (!sent.twice()) {
            bus.sent.clear();
            sent = sender.send(false, 9, true);
        }
        assertEquals(2, bus.sent.size());
        assertEquals(bus.sent.get(0).message(), bus.sent.get(1).message());
        assertEquals(bus.sent.get(0).options().messageId(), bus.sent.get(1).options().messageId());
        assertEquals("True", bus.sent.get(0).options().headers().get(ManualMode.HEADER));
        assertTrue(sent.manual());
    }

    @Test
    void duplicateLikelihoodIsLevelInTen() {
        OrderSender sender = sender(99);
        for (int level = 0; level <= 9; level++) {
            int twice = 0;
            for (int i = 0; i < 10_000; i++) {
                if (sender.sendTwice(level)) {
                    twice++;
                }
            }
            // Seeded, so exact; the bound documents the intent (n/10 ± 2 points).
            assertTrue(Math.abs(twice - level * 1000) < 200, "level " + level + ": " + twice);
        }
        assertFalse(sender.sendTwice(0));
    }
}
