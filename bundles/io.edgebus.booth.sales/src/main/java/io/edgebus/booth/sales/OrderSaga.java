package io.edgebus.booth.sales;

import io.edgebus.api.saga.Saga;
import io.edgebus.api.saga.SagaContext;
import io.edgebus.api.saga.SagaMapping;
import io.edgebus.booth.contracts.OrderBilled;
import io.edgebus.booth.contracts.OrderPlaced;
import io.edgebus.booth.contracts.OrderShipped;
import io.edgebus.booth.contracts.PlaceOrder;
import io.edgebus.booth.contracts.RaffleOrderCompleted;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * F17: PlaceOrder starts the saga and publishes OrderPlaced; it completes once OrderBilled and
 * OrderShipped both arrived, in any order, and then publishes RaffleOrderCompleted for raffle orders.
 */
@Component(service = Saga.class, property = "edgebus.endpoint=Sales")
@Designate(ocd = SalesConfig.class)
public class OrderSaga implements Saga<OrderData> {
    private volatile String raffleCampaign;

    @Activate
    @Modified
    void activate(SalesConfig config) {
        if (config.raffleCampaign() == null || config.raffleCampaign().isBlank()) {
            throw new IllegalArgumentException("raffleCampaign: must not be empty");
        }
        raffleCampaign = config.raffleCampaign().trim();
    }

    /** For tests and plain-Java use. */
    OrderSaga(String raffleCampaign) {
        this.raffleCampaign = raffleCampaign;
    }

    public OrderSaga() {
    }

    @Override
    public Class<OrderData> dataType() {
        return OrderData.class;
    }

    @Override
    public void configure(SagaMapping<OrderData> mapping) {
        mapping.startedBy(PlaceOrder.class, PlaceOrder::orderId, this::placed)
                .handles(OrderBilled.class, OrderBilled::orderId, (m, data, ctx) -> progress(data.withBilled(), ctx))
                .handles(OrderShipped.class, OrderShipped::orderId, (m, data, ctx) -> progress(data.withShipped(), ctx));
    }

    private OrderData placed(PlaceOrder order, OrderData data, SagaContext context) {
        if (data != null) {
            // The same order sent again under another message id: it is placed already.
            return data;
        }
        context.publish(new OrderPlaced(order.orderId()));
        return new OrderData(order.orderId(), order.campaign(), false, false);
    }

    private OrderData progress(OrderData next, SagaContext context) {
        if (next.done()) {
            if (raffleCampaign.equals(next.campaign())) {
                context.publish(new RaffleOrderCompleted(next.orderId()));
            }
            context.markAsComplete();
        }
        return next;
    }
}
