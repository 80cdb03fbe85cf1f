package io.edgebus.booth.contracts;

import io.edgebus.api.Event;

/** Published by Sales when a raffle campaign's order completes. */
public record RaffleOrderCompleted(String orderId) implements Event {
    public RaffleOrderCompleted {
        Required.text("orderId", orderId);
    }
}
