package io.edgebus.itest;

import io.edgebus.booth.contracts.PlaceOrder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.osgi.framework.ServiceReference;

/**
 * The booth shop's ClientUI endpoint as the tests drive it: orders sent and events published
 * through its Bus in the shop's framework.
 */
final class ClientUi {
    private final BoothShop shop;

    ClientUi(BoothShop shop) {
        this.shop = shop;
    }

    /** What was sent: every order id, the raffle ones, how many were sent twice. */
    record Orders(List<String> all, Set<String> raffle, int duplicates) {
        Orders plus(Orders more) {
            List<String> orders = new ArrayList<>(all);
            orders.addAll(more.all);
            Set<String> raffled = new HashSet<>(raffle);
            raffled.addAll(more.raffle);
            return new Orders(orders, raffled, duplicates + more.duplicates);
        }
    }

    /** Sends n orders through ClientUI: 3 in 10 (seeded) twice with the same message id, every 10th in the raffle. */
    Orders sendOrders(int n) throws Exception {
        return sendOrders(n, 0);
    }

    /** As {@link #sendOrders(int)}, at most {@code perSecond} orders a second (0: as fast as it can). */
    Orders sendOrders(int n, int perSecond) throws Exception {
        long start = System.nanoTime();
        Random random = new Random(42);
        List<String> orders = new ArrayList<>();
        Set<String> raffleOrders = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            if (perSecond > 0) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String orderId = UUID.randomUUID().toString();
            boolean inRaffle = i % 10 == 0;
            if (inRaffle) {
                raffleOrders.add(orderId);
            }
            orders.add(orderId);
            PlaceOrder order = new PlaceOrder(orderId, inRaffle ? BoothShop.RAFFLE : "Website");
            String messageId = UUID.randomUUID().toString();
            send(order, messageId);
            if (random.nextInt(10) < 3) {
                send(order, messageId);
                duplicates++;
            }
        }
        System.out.printf("booth: %d orders sent, %d sent twice, %d in the raffle%n", n, duplicates, raffleOrders.size());
        return new Orders(orders, raffleOrders, duplicates);
    }

    /** One order through ClientUI, with a fresh message id. */
    void placeOrder(String orderId, String campaign) throws Exception {
        send(new PlaceOrder(orderId, campaign), UUID.randomUUID().toString());
    }

    /** An event published by ClientUI's Bus. */
    void publish(Object event) throws Exception {
        TestFramework fw = shop.fw;
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + shop.client + ")");
        Object bus = fw.context().getService(ref);
        try {
            bus.getClass().getMethod("publish", Object.class).invoke(bus, event);
        } finally {
            fw.context().ungetService(ref);
        }
    }

    /** ClientUI's Bus.send(message, SendOptions with the message id), by reflection into the framework. */
    private void send(Object message, String messageId) throws Exception {
        TestFramework fw = shop.fw;
        ServiceReference<?> ref = fw.awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + shop.client + ")");
        Object bus = fw.context().getService(ref);
        try {
            Class<?> options = fw.apiClass("io.edgebus.api.SendOptions");
            Object builder = options.getMethod("builder").invoke(null);
            Method setId = builder.getClass().getMethod("messageId", String.class);
            setId.setAccessible(true);
            setId.invoke(builder, messageId);
            Method build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            Object built = build.invoke(builder);
            bus.getClass().getMethod("send", Object.class, options).invoke(bus, message, built);
        } finally {
            fw.context().ungetService(ref);
        }
    }
}
