package io.edgebus.booth.contracts;

import io.edgebus.api.Command;

/** Sent by ClientUI (or the button) to Sales. */
public record PlaceOrder(String orderId, String campaign) implements Command {
    public PlaceOrder {
        Required.text("orderId", orderId);
        Required.text("campaign", campaign);
    }
}
