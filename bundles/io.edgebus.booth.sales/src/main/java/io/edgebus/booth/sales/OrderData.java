package io.edgebus.booth.sales;

/** The saga's state per order. */
public record OrderData(String orderId, String campaign, boolean billed, boolean shipped) {
    OrderData withBilled() {
        return new OrderData(orderId, campaign, true, shipped);
    }

    OrderData withShipped() {
        return new OrderData(orderId, campaign, billed, true);
    }

    boolean done() {
        return billed && shipped;
    }
}
