package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishSubscribeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for a duplicate or a stray event to show up. */
    private static final long QUIET_MS = 500;
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void anEventReachesSubscribersOfItsSuperTypeAndEachSubscriberGetsItOnce() throws Exception {
        String orderPlaced = broker.exchange("contracts.OrderPlaced");
        String orderEvent = broker.exchange("contracts.OrderEvent");
        List<String> hierarchy = List.of(orderPlaced, orderEvent);
        Collector byType = subscriber("Shipping", List.of(orderPlaced, orderEvent));
        Collector bySuperType = subscriber("Audit", List.of(orderEvent));
        TransportEndpoint publisher = broker.connectedEndpoint(broker.queue("Sales"));

        publisher.dispatch(List.of(Messages.publish(hierarchy, "order 1")));

        assertEquals("order 1", Messages.body(byType.await(1, WAIT).get(0).message()));
        assertEquals("order 1", Messages.body(bySuperType.await(1, WAIT).get(0).message()));
        Thread.sleep(QUIET_MS);
        assertEquals(1, byType.received().size());
        assertEquals(1, bySuperType.received().size());
    }

    @Test
    void anEventWithoutSubscribersIsNotAnError() {
        TransportEndpoint publisher = broker.connectedEndpoint(broker.queue("Sales"));
        publisher.dispatch(List.of(Messages.publish(List.of(broker.exchange("contracts.Unheard")), "nobody listens")));
    }

    @Test
    void unsubscribingStopsDelivery() throws Exception {
        String priceChanged = broker.exchange("contracts.PriceChanged");
        List<String> hierarchy = List.of(priceChanged);
        String queue = broker.queue("Catalog");
        TransportEndpoint subscriber = broker.connectedEndpoint(queue);
        subscriber.declareTopology(List.of());
        Collector collector = new Collector();
        subscriber.startReceiving(1, collector);
        subscriber.subscribe(hierarchy);
        TransportEndpoint publisher = broker.connectedEndpoint(broker.queue("Pricing"));
        publisher.dispatch(List.of(Messages.publish(hierarchy, "before")));
        collector.await(1, WAIT);

        subscriber.unsubscribe(priceChanged);
        subscriber.unsubscribe(priceChanged);
        publisher.dispatch(List.of(Messages.publish(hierarchy, "after")));

        Thread.sleep(QUIET_MS);
        assertEquals(List.of("before"), collector.received().stream().map(r -> Messages.body(r.message())).toList());
    }

    @Test
    void unsubscribingFromATypeNeverSeenIsHarmless() {
        TransportEndpoint subscriber = broker.connectedEndpoint(broker.queue("Catalog"));
        subscriber.declareTopology(List.of());
        subscriber.unsubscribe(broker.exchange("contracts.NeverDeclared"));
    }

    @Test
    void aDelayedEventIsRefused() {
        TransportEndpoint publisher = broker.connectedEndpoint(broker.queue("Sales"));
        OutgoingMessage delayed = new OutgoingMessage("e-1", Map.of(), new byte[0],
                new Destination.Topic(List.of(broker.exchange("contracts.Later"))), Duration.ofSeconds(5));
        EdgeBusException e = assertThrows(EdgeBusException.class, () -> publisher.dispatch(List.of(delayed)));
        assertEquals(EdgeBusException.Code.INVALID_OPERATION, e.code());
    }

    private Collector subscriber(String name, List<String> typeHierarchy) {
        TransportEndpoint endpoint = broker.connectedEndpoint(broker.queue(name));
        endpoint.declareTopology(List.of());
        endpoint.subscribe(typeHierarchy);
        Collector collector = new Collector();
        endpoint.startReceiving(2, collector);
        return collector;
    }
}
