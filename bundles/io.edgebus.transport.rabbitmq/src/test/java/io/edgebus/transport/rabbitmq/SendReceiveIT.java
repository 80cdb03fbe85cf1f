package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendReceiveIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void aCommandArrivesWithItsHeadersAndBodyIntact() {
        String queue = broker.queue("Sales");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        Collector collector = new Collector();
        endpoint.startReceiving(2, collector);

        byte[] body = {0, 1, 2, (byte) 0xff, 'x'};
        OutgoingMessage sent = new OutgoingMessage("id-1", Map.of(
                "NServiceBus.MessageId", "id-1",
                "NServiceBus.ContentType", "application/json",
                "NServiceBus.EnclosedMessageTypes", "Sales.PlaceOrder",
                "Custom.Ünïcode", "välue with spaces, commas = and: colons"),
                body, new Destination.Queue(queue), null);
        endpoint.dispatch(List.of(sent));

        IncomingMessage received = collector.await(1, WAIT).get(0).message();
        assertEquals("id-1", received.nativeId());
        assertArrayEquals(body, received.body());
        assertEquals(sent.headers(), received.headers());
        assertFalse(received.redelivered());
    }

    @Test
    void aBatchArrivesInTheOrderItWasDispatched() {
        String queue = broker.queue("Orders");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        Collector collector = new Collector();
        endpoint.startReceiving(1, collector);

        endpoint.dispatch(List.of(Messages.send(queue, "1"), Messages.send(queue, "2"), Messages.send(queue, "3")));

        assertEquals(List.of("1", "2", "3"), collector.await(3, WAIT).stream()
                .map(r -> Messages.body(r.message())).toList());
    }

    @Test
    void aSendToAQueueThatHasNoExchangeGoesToTheQueue() throws Exception {
        TransportEndpoint endpoint = broker.connectedEndpoint(broker.queue("Sender"));
        String bare = broker.queue("bare");
        Channel admin = broker.adminChannel();
        admin.queueDeclare(bare, true, false, false, null);

        endpoint.dispatch(List.of(Messages.send(bare, "to a bare queue")));

        Broker.await(() -> messageCount(admin, bare) == 1, WAIT, "the message in " + bare);
    }

    @Test
    void aSendToAQueueThatDoesNotExistIsRejectedAndTheEndpointKeepsWorking() {
        String queue = broker.queue("Sender");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());

        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send("no-such-queue-" + System.nanoTime(), "lost"))));
        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());

        Collector collector = new Collector();
        endpoint.startReceiving(1, collector);
        endpoint.dispatch(List.of(Messages.send(queue, "still works")));
        assertEquals("still works", Messages.body(collector.await(1, WAIT).get(0).message()));
    }

    @Test
    void aSendToAnExchangeBoundToNothingIsReturnedAndRejected() throws Exception {
        TransportEndpoint endpoint = broker.connectedEndpoint(broker.queue("Sender"));
        String unbound = broker.queue("unbound");
        broker.adminChannel().exchangeDeclare(unbound, BuiltinExchangeType.FANOUT, true);

        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send(unbound, "nowhere to go"))));
        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());
        assertTrue(e.getMessage().contains("NO_ROUTE"), e.getMessage());
    }

    @Test
    void aMessageTheBrokerNacksIsRejected() throws Exception {
        TransportEndpoint endpoint = broker.connectedEndpoint(broker.queue("Sender"));
        String full = broker.queue("full");
        Channel admin = broker.adminChannel();
        // A classic queue: a quorum queue applies its length limit with a lag.
        admin.queueDeclare(full, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        admin.exchangeDeclare(full, BuiltinExchangeType.FANOUT, true);
        admin.queueBind(full, full, "");
        endpoint.dispatch(List.of(Messages.send(full, "fits")));

        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send(full, "overflows"))));
        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());
        assertTrue(e.getMessage().contains("nack"), e.getMessage());
    }

    @Test
    void aHandedBackMessageIsRedelivered() {
        String queue = broker.queue("Retry");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        List<IncomingMessage> calls = new CopyOnWriteArrayList<>();
        endpoint.startReceiving(1, message -> {
            calls.add(message);
            return calls.size() == 1 ? ProcessResult.HAND_BACK : ProcessResult.ACK;
        });

        endpoint.dispatch(List.of(Messages.send(queue, "again")));

        Broker.await(() -> calls.size() >= 2, WAIT, "the redelivery");
        assertEquals(calls.get(0).nativeId(), calls.get(1).nativeId());
        assertFalse(calls.get(0).redelivered());
        assertTrue(calls.get(1).redelivered());
        assertEquals(2, calls.size(), "acked on the second delivery");
    }

    @Test
    void aProcessorThatThrowsHandsTheMessageBack() {
        String queue = broker.queue("Throws");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        endpoint.declareTopology(List.of());
        AtomicInteger calls = new AtomicInteger();
        endpoint.startReceiving(1, message -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("handler bug");
            }
            return ProcessResult.ACK;
        });

        endpoint.dispatch(List.of(Messages.send(queue, "boom")));

        Broker.await(() -> calls.get() == 2, WAIT, "the redelivery after the exception");
    }

    @Test
    void receivingFromAQueueNotYetDeclaredFailsAndCanBeStartedOnceItIs() {
        String queue = broker.queue("Undeclared");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        Collector collector = new Collector();

        EdgeBusException e = assertThrows(EdgeBusException.class, () -> endpoint.startReceiving(1, collector));
        assertEquals(EdgeBusException.Code.INVALID_OPERATION, e.code());

        endpoint.declareTopology(List.of());
        endpoint.startReceiving(1, collector);
        endpoint.dispatch(List.of(Messages.send(queue, "now it exists")));
        assertEquals("now it exists", Messages.body(collector.await(1, WAIT).get(0).message()));
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsSent() {
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("maxMessageBytes", 1_000)),
                broker.queue("Big"));
        OutgoingMessage big = new OutgoingMessage("big", Map.of(), new byte[1_001],
                new Destination.Queue("anything"), null);
        EdgeBusException e = assertThrows(EdgeBusException.class, () -> endpoint.dispatch(List.of(big)));
        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());
    }

    private static long messageCount(Channel channel, String queue) {
        try {
            return channel.messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
