package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void closeLeavesNoThreadOfOursAndNoConnectionOnTheBroker() throws Exception {
        broker.adminChannel();
        Set<Thread> before = Threads.all();
        String queue = broker.queue("Tidy");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        Collector collector = new Collector();
        endpoint.startReceiving(3, collector);
        for (int i = 0; i < 10; i++) {
            endpoint.dispatch(List.of(Messages.send(queue, "m" + i)));
        }
        collector.await(10, WAIT);
        assertEquals(1, Broker.connectionPids("edgebus/" + queue + "/1").size(), "one connection per endpoint");

        endpoint.close(Duration.ofSeconds(2));

        assertEquals(TransportState.CLOSED, endpoint.state());
        assertEquals(List.of(), Threads.startedSince(before));
        assertEquals(List.of(), Broker.connectionPids("edgebus/" + queue + "/1"));
    }

    @Test
    void closeIsIdempotentAndAClosedEndpointRefusesWork() {
        String queue = broker.queue("Done");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        StateLog states = StateLog.of(endpoint);

        endpoint.close(Duration.ofSeconds(1));
        endpoint.close(Duration.ofSeconds(1));

        assertEquals(TransportState.CLOSED, endpoint.state());
        EdgeBusException dispatch = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send(queue, "too late"))));
        assertEquals(EdgeBusException.Code.STOPPED, dispatch.code());
        EdgeBusException declare = assertThrows(EdgeBusException.class, () -> endpoint.declareTopology(List.of()));
        assertEquals(EdgeBusException.Code.STOPPED, declare.code());
        assertEquals(List.of(TransportState.CLOSED), states.states());
    }

    @Test
    void deactivatingTheTransportClosesEveryEndpointItOpened() {
        RabbitMqTransportComponent transport = broker.transport(Map.of("closeDrainTimeoutMs", 500L));
        TransportEndpoint first = broker.endpoint(transport, broker.queue("First"));
        TransportEndpoint second = broker.endpoint(transport, broker.queue("Second"));
        Broker.awaitState(first, TransportState.CONNECTED, WAIT);
        Broker.awaitState(second, TransportState.CONNECTED, WAIT);
        assertEquals(2, transport.openEndpoints());

        transport.deactivate();

        assertEquals(TransportState.CLOSED, first.state());
        assertEquals(TransportState.CLOSED, second.state());
        assertEquals(0, transport.openEndpoints());
        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> transport.open(new EndpointAddress("Late", "Late", "1", "error")));
        assertEquals(EdgeBusException.Code.STOPPED, e.code());
    }

    @Test
    void theTransportOffersDelayedDeliveryAndItsMessageSizeLimit() {
        RabbitMqTransportComponent transport = broker.transport(Map.of("maxMessageBytes", 1_048_576));
        assertEquals(true, transport.capabilities().delayedDelivery());
        assertEquals(1_048_576, transport.capabilities().maxMessageBytes());
    }
}
