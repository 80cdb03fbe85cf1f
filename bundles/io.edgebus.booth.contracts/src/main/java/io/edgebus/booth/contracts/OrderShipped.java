package io.edgebus.booth.contracts;

import io.edgebus.api.Event;

/** Published by Shipping. */
public record OrderShipped(String orderId) implements Event {
    public OrderShipped {
        Required.text("orderId", orderId);
    }
}
