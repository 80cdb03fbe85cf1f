package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands through the transport on a real (embedded) Artemis over AMQP 1.0. */
class SendReceiveIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Artemis artemis = new Artemis();

    SendReceiveIT() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        artemis.close();
    }

    @Test
    void aCommandArrivesWithEveryHeaderIntact() {
        Collector sales = new Collector();
        artemis.receiving("Sales", 1, sales, List.of());
        TransportEndpoint client = artemis.endpoint("ClientUI");
        OutgoingMessage order = Messages.send("Sales", "{\"orderId\":42}");

        client.dispatch(List.of(order));

        IncomingMessage got = sales.await(1, WAIT).get(0).message();
        assertEquals("{\"orderId\":42}", Messages.body(got));
        assertEquals(order.headers(), got.headers(), "NServiceBus headers pass as application properties, dots and $ included");
        assertEquals(order.messageId(), got.nativeId());
        assertFalse(got.redelivered());
    }

    @Test
    void theAmqpMessageIdIsTheNServiceBusMessageIdAsServiceBusDuplicateDetectionExpects() throws Exception {
        artemis.endpoint("Billing").declareTopology(List.of());
        OutgoingMessage order = Messages.send("Billing", "id");

        artemis.endpoint("Sales").dispatch(List.of(order));

        try (jakarta.jms.Connection plain = new org.apache.qpid.jms.JmsConnectionFactory(artemis.broker.uri()).createConnection()) {
            plain.start();
            jakarta.jms.Session session = plain.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Message raw = session.createConsumer(session.createQueue("Billing")).receive(5_000);
            assertEquals(order.messageId(),
                    ((org.apache.qpid.jms.message.JmsMessage) raw).getFacade().getProviderMessageIdObject());
        }
    }

    @Test
    void theQueueLengthCountsWhatWaitsInTheQueue() {
        TransportEndpoint billing = artemis.endpoint("Billing");
        billing.declareTopology(List.of());
        assertEquals(java.util.OptionalLong.of(0), billing.queueLength("Billing"));

        artemis.endpoint("Sales").dispatch(List.of(Messages.send("Billing", "a"), Messages.send("Billing", "b"),
                Messages.send("Billing", "c")));

        assertEquals(java.util.OptionalLong.of(3), billing.queueLength("Billing"));
        assertEquals(java.util.OptionalLong.empty(), billing.queueLength("NoSuchQueue"), "unknown, not 0");
    }

    @Test
    void dispatchAsyncCompletesOnceTheBrokerHasAcceptedEveryMessage() throws Exception {
        artemis.endpoint("Billing").declareTopology(List.of());
        TransportEndpoint sender = artemis.endpoint("Sales");
        List<OutgoingMessage> batch = List.of(Messages.send("Billing", "1"), Messages.send("Billing", "2"),
                Messages.send("Billing", "3"));

        sender.dispatchAsync(batch).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(3, artemis.broker.messageCount("Billing"), "stored by the broker when the stage completed");
    }

    @Test
    void aMessageLargerThanTheLimitIsRefusedBeforeSending() {
        TransportEndpoint sender = artemis.endpoint("Sales", Map.of("maxMessageBytes", 1_000));
        OutgoingMessage big = Messages.send("Billing", "x".repeat(2_000));
        EdgeBusException e = assertThrows(EdgeBusException.class, () -> sender.dispatch(List.of(big)));
        assertEquals(EdgeBusException.Code.DISPATCH_REJECTED, e.code());
    }

    @Test
    void noMoreThanTheConcurrencyLimitRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Collector done = new Collector();
        MessageProcessor slow = message -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return done.process(message);
        };
        AsbEndpoint receiver = artemis.endpoint("Shipping");
        receiver.declareTopology(List.of());
        receiver.startReceiving(3, slow);
        TransportEndpoint sender = artemis.endpoint("Sales");
        for (int i = 0; i < 30; i++) {
            sender.dispatch(List.of(Messages.send("Shipping", "m" + i)));
        }

        done.await(30, WAIT);
        System.out.println("concurrency 3: at most " + most.get() + " ran at once");
        assertEquals(3, most.get());
    }

    @Test
    void stopReceivingHandsBackWhatIsStillRunningAndTheBrokerKeepsIt() throws Exception {
        AsbEndpoint receiver = artemis.endpoint("Raffle");
        receiver.declareTopology(List.of());
        AtomicInteger started = new AtomicInteger();
        receiver.startReceiving(1, message -> {
            started.incrementAndGet();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProcessResult.ACK;
        });
        artemis.endpoint("Sales").dispatch(List.of(Messages.send("Raffle", "slow")));
        Waits.until(() -> started.get() == 1, WAIT, "processing started");

        assertEquals(1, receiver.stopReceiving(Duration.ofMillis(200)));

        Waits.until(() -> artemis.broker.messageCount("Raffle") == 1, WAIT, "the message back in the queue");
        Collector next = new Collector();
        artemis.receiving("Raffle", 1, next, List.of());
        assertTrue(next.await(1, WAIT).get(0).message().redelivered());
    }
}
