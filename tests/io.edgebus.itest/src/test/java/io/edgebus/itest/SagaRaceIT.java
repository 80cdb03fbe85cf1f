package io.edgebus.itest;

import static io.edgebus.itest.HotDeployIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 3: OrderBilled and OrderShipped of one order reach two Sales instances at the
 * same moment. A behaviour holds each one's first attempt until the other has arrived too, so both
 * usually load the same saga version; optimistic concurrency must then fail one, its retry must see
 * the other's change, and the saga completes exactly once either way.
 */
class SagaRaceIT {
    private static final int ORDERS = 10;

    private final BoothShop shop = new BoothShop();
    private final Map<String, CountDownLatch> bothArrived = new ConcurrentHashMap<>();
    private final Set<String> firstAttempts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger aligned = new AtomicInteger();

    @AfterEach
    void cleanUp() throws Exception {
        shop.close();
    }

    @Test
    void billedAndShippedAtTheSameMomentOnTwoInstancesCompleteTheSagaOnce() throws Exception {
        shop.start(List.of("io.edgebus.booth.sales", "io.edgebus.booth.billing", "io.edgebus.booth.shipping",
                "io.edgebus.booth.raffle"));
        holdBilledAndShippedTogether();
        shop.configure(2);
        HandledCounter counter = new HandledCounter();
        for (String e : List.of(shop.sales, shop.raffle)) {
            counter.watch(shop.fw, e);
        }

        int collided = 0;
        for (int i = 0; i < ORDERS; i++) {
            String orderId = UUID.randomUUID().toString();
            shop.clientUi.placeOrder(orderId, BoothShop.RAFFLE);
            await("order " + i + " completed", 60, () -> counter.count(shop.raffle, "RaffleOrderCompleted", orderId) == 1
                    && shop.checks.sagaRows() == 0);
            Thread.sleep(500); // a second completion would arrive within this
            assertEquals(1, counter.count(shop.sales, "OrderBilled", orderId), "OrderBilled took effect once");
            assertEquals(1, counter.count(shop.sales, "OrderShipped", orderId), "OrderShipped took effect once");
            assertEquals(1, counter.count(shop.raffle, "RaffleOrderCompleted", orderId), "the saga completed once");
            int tries = attempts.get(orderId).get();
            System.out.printf("saga race: order %d, billed+shipped handled in %d attempts%n", i, tries);
            if (tries >= 3) {
                collided++;
            }
        }
        assertEquals(ORDERS, aligned.get(), "each pair was in flight at the same time, on the two instances");
        // Released together, one may still load, change and commit before the other loads; most collide.
        assertTrue(collided >= 1, "at least one pair's updates collided and one was retried");
        System.out.printf("saga race: %d of %d pairs collided on the saga's version%n", collided, ORDERS);
        assertEquals(0, shop.checks.sagaRows());
    }

    /**
     * Each instance has concurrency 1, so both messages can be in flight together only on the two
     * instances; a pair that never meets is released after 10 s and fails the test by having no retry.
     */
    private void holdBilledAndShippedTogether() throws Exception {
        Class<?> invoke = shop.fw.apiClass("io.edgebus.api.pipeline.InvokeBehavior");
        Hashtable<String, Object> props = new Hashtable<>(Map.of("edgebus.endpoint", shop.sales));
        shop.fw.context().registerService(invoke.getName(), HandledCounter.proxy(invoke, (context, next) -> {
            Object message = HandledCounter.call(context, "message");
            String type = message.getClass().getSimpleName();
            if (type.equals("OrderBilled") || type.equals("OrderShipped")) {
                String orderId = (String) HandledCounter.call(message, "orderId");
                attempts.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
                if (firstAttempts.add(type + "/" + orderId)) {
                    CountDownLatch latch = bothArrived.computeIfAbsent(orderId, k -> new CountDownLatch(2));
                    latch.countDown();
                    if (latch.await(10, TimeUnit.SECONDS) && type.equals("OrderBilled")) {
                        aligned.incrementAndGet();
                    }
                }
            }
            HandledCounter.proceed(next);
        }), props);
    }
}
