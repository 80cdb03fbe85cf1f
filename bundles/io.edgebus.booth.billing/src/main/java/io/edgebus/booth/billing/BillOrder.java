package io.edgebus.booth.billing;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.contracts.OrderBilled;
import io.edgebus.booth.contracts.OrderPlaced;
import org.osgi.service.component.annotations.Component;

/** F18: bills a placed order. The endpoint can be changed with a configuration of this PID. */
@Component(service = MessageHandler.class, property = "edgebus.endpoint=Billing")
public class BillOrder implements MessageHandler<OrderPlaced> {
    @Override
    public void handle(OrderPlaced order, MessageContext context) {
        context.publish(new OrderBilled(order.orderId()));
    }
}
