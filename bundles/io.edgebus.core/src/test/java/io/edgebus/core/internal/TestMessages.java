package io.edgebus.core.internal;

import io.edgebus.api.Command;
import io.edgebus.api.Event;
import io.edgebus.api.MessageName;

final class TestMessages {
    private TestMessages() {
    }

    record PlaceOrder(String orderId) implements Command {
    }

    interface OrderEvent extends Event {
        String orderId();
    }

    record OrderPlaced(String orderId) implements OrderEvent {
    }

    @MessageName("Messages.OrderBilled")
    record OrderBilled(String orderId) implements Event {
    }
}
