package io.edgebus.booth.shipping;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.contracts.OrderBilled;
import org.osgi.service.component.annotations.Component;

/**
 * F19: Shipping subscribes to OrderBilled and does nothing with it, as in the original demo, so the
 * flow diagram shows the subscription.
 */
@Component(service = MessageHandler.class, property = "edgebus.endpoint=Shipping")
public class NoteBilled implements MessageHandler<OrderBilled> {
    @Override
    public void handle(OrderBilled message, MessageContext context) {
        // Deliberately nothing: the subscription is the point.
    }
}
