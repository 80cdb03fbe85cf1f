package io.edgebus.booth.shipping;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.contracts.OrderPlaced;
import io.edgebus.booth.contracts.OrderShipped;
import org.osgi.service.component.annotations.Component;

/** F19: ships a placed order. */
@Component(service = MessageHandler.class, property = "edgebus.endpoint=Shipping")
public class ShipOrder implements MessageHandler<OrderPlaced> {
    @Override
    public void handle(OrderPlaced order, MessageContext context) {
        context.publish(new OrderShipped(order.orderId()));
    }
}
