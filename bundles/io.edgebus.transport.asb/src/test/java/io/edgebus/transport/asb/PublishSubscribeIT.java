package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events through the one topic: each endpoint's subscription selects its types and forwards them
 * into its queue, as Service Bus subscriptions with rules and ForwardTo do.
 */
class PublishSubscribeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for a duplicate or a stray event to show up. */
    private static final long QUIET_MS = 500;
    private static final String ORDER_PLACED = "Booth.Contracts.OrderPlaced";
    private static final String ORDER_EVENT = "Booth.Contracts.OrderEvent";
    private static final String ORDER_BILLED = "Booth.Contracts.OrderBilled";
    private final Artemis artemis = new Artemis();

    PublishSubscribeIT() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        artemis.close();
    }

    @Test
    void anEventReachesEachSubscriberOfItsTypeOnceAndNoOtherEndpoint() throws Exception {
        Collector billing = new Collector();
        artemis.receiving("Billing", 2, billing, List.of(ORDER_PLACED));
        Collector shipping = new Collector();
        artemis.receiving("Shipping", 2, shipping, List.of(ORDER_PLACED, ORDER_EVENT)); // matches twice, gets it once
        Collector raffle = new Collector();
        artemis.receiving("Raffle", 1, raffle, List.of(ORDER_BILLED));
        TransportEndpoint sales = artemis.endpoint("Sales");

        sales.dispatch(List.of(Messages.publish(List.of(ORDER_PLACED, ORDER_EVENT), "order 1")));

        assertEquals("order 1", Messages.body(billing.await(1, WAIT).get(0).message()));
        assertEquals("order 1", Messages.body(shipping.await(1, WAIT).get(0).message()));
        Thread.sleep(QUIET_MS);
        assertEquals(1, billing.received().size());
        assertEquals(1, shipping.received().size());
        assertEquals(0, raffle.received().size(), "a non-subscriber gets nothing");
        assertEquals(ORDER_PLACED + ";" + ORDER_EVENT,
                billing.received().get(0).message().headers().get("NServiceBus.EnclosedMessageTypes"));
    }

    @Test
    void aSubscriberOfTheSuperTypeGetsTheSubTypeAndUnsubscribingStopsDelivery() throws Exception {
        Collector audit = new Collector();
        TransportEndpoint auditor = artemis.receiving("Audit", 1, audit, List.of(ORDER_EVENT));
        TransportEndpoint sales = artemis.endpoint("Sales");
        sales.dispatch(List.of(Messages.publish(List.of(ORDER_PLACED, ORDER_EVENT), "before")));
        audit.await(1, WAIT);

        auditor.unsubscribe(ORDER_EVENT);
        auditor.unsubscribe(ORDER_EVENT);
        sales.dispatch(List.of(Messages.publish(List.of(ORDER_PLACED, ORDER_EVENT), "after")));

        Thread.sleep(QUIET_MS);
        assertEquals(List.of("before"), audit.bodies());
    }

    @Test
    void instancesOfOneEndpointSubscribingAtTheSameTimeGetEachEventOnceBetweenThem() throws Exception {
        List<String> types = List.of("Booth.Contracts.A", "Booth.Contracts.B", "Booth.Contracts.C", "Booth.Contracts.D");
        Collector shared = new Collector();
        List<AsbEndpoint> instances = List.of(artemis.endpoint("Sales", "1", java.util.Map.of()),
                artemis.endpoint("Sales", "2", java.util.Map.of()), artemis.endpoint("Sales", "3", java.util.Map.of()));
        List<Thread> starting = new java.util.ArrayList<>();
        for (AsbEndpoint instance : instances) {
            starting.add(new Thread(() -> {
                instance.declareTopology(List.of());
                types.forEach(type -> instance.subscribe(List.of(type)));
                instance.startReceiving(1, shared);
            }));
        }
        starting.forEach(Thread::start);
        for (Thread t : starting) {
            t.join();
        }
        TransportEndpoint publisher = artemis.endpoint("Billing");

        for (String type : types) {
            publisher.dispatch(List.of(Messages.publish(List.of(type), type)));
        }

        shared.await(types.size(), WAIT);
        Thread.sleep(QUIET_MS);
        assertEquals(types, shared.bodies().stream().sorted().toList(), "each event once, whichever instance got it");
    }

    @Test
    void subscriptionsLiveInTheBrokerSoARestartedEndpointKeepsThem() throws Exception {
        AsbEndpoint first = artemis.endpoint("Billing");
        first.declareTopology(List.of());
        first.subscribe(List.of(ORDER_PLACED));
        first.subscribe(List.of(ORDER_BILLED));
        first.close(Duration.ofSeconds(1));
        TransportEndpoint sales = artemis.endpoint("Sales");

        sales.dispatch(List.of(Messages.publish(List.of(ORDER_BILLED), "while Billing was away")));
        Collector billing = new Collector();
        artemis.receiving("Billing", 1, billing, List.of(ORDER_PLACED)); // re-subscribes only the first

        assertEquals(List.of("while Billing was away"), List.of(Messages.body(billing.await(1, WAIT).get(0).message())));
        sales.dispatch(List.of(Messages.publish(List.of(ORDER_BILLED), "later")));
        billing.await(2, WAIT);
    }
}
