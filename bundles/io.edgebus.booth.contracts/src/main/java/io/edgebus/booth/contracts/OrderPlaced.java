package io.edgebus.booth.contracts;

import io.edgebus.api.Event;

/** Published by Sales when an order's saga starts. */
public record OrderPlaced(String orderId) implements Event {
    public OrderPlaced {
        Required.text("orderId", orderId);
    }
}
