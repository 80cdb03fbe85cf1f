package io.edgebus.booth.contracts;

import io.edgebus.api.Event;

/** Published by Billing. */
public record OrderBilled(String orderId) implements Event {
    public OrderBilled {
        Required.text("orderId", orderId);
    }
}
