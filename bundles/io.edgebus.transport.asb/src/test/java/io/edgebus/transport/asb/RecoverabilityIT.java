package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.transport.IncomingMessage;
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

/** Delayed delivery, abandon and the delivery limit on a real (embedded) Artemis. */
class RecoverabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final Artemis artemis = new Artemis();

    RecoverabilityIT() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        artemis.close();
    }

    @Test
    void aDelayedMessageArrivesNoSoonerThanItsDelay() {
        Collector billing = new Collector();
        artemis.receiving("Billing", 2, billing, List.of());
        TransportEndpoint sender = artemis.endpoint("Sales");
        OutgoingMessage later = Messages.send("Billing", "later", Duration.ofMillis(1_500));
        OutgoingMessage now = Messages.send("Billing", "now");

        long sentAt = System.nanoTime();
        sender.dispatch(List.of(later, now));

        List<Collector.Received> got = billing.await(2, WAIT);
        long laterMs = TimeUnit.NANOSECONDS.toMillis(got.get(1).atNanos() - sentAt);
        System.out.println("delayed delivery: 1,500 ms delay arrived after " + laterMs + " ms");
        assertEquals(List.of("now", "later"), billing.bodies());
        assertTrue(laterMs >= 1_500, laterMs + " ms");
        assertTrue(laterMs < 5_000, laterMs + " ms");
        assertEquals(later.headers(), got.get(1).message().headers(), "scheduling leaves no header behind");
    }

    @Test
    void aHandedBackMessageIsDeliveredAgainAndMarkedRedelivered() {
        AtomicInteger attempts = new AtomicInteger();
        Collector shipping = new Collector(m -> attempts.incrementAndGet() < 3 ? ProcessResult.HAND_BACK : ProcessResult.ACK);
        artemis.receiving("Shipping", 1, shipping, List.of());

        artemis.endpoint("Sales").dispatch(List.of(Messages.send("Shipping", "twice abandoned")));

        List<Collector.Received> got = shipping.await(3, WAIT);
        assertFalse(got.get(0).message().redelivered());
        assertTrue(got.get(1).message().redelivered());
        assertTrue(got.get(2).message().redelivered());
        assertEquals(got.get(0).message().nativeId(), got.get(2).message().nativeId());
        Waits.until(() -> artemis.broker.messageCount("Shipping") == 0, WAIT, "completed after the third delivery");
    }

    @Test
    void aLimitAboveTheBrokersDefaultStillEndsInTheErrorQueueNotInTheBrokersDeadLetterHandling() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AsbEndpoint raffle = artemis.endpoint("Raffle", Map.of("maxDeliveryCount", 12)); // Artemis' default is 10
        raffle.declareTopology(List.of());
        raffle.startReceiving(1, new Collector(m -> {
            attempts.incrementAndGet();
            return ProcessResult.HAND_BACK;
        }));
        Collector errors = new Collector();
        artemis.receiving("error", 1, errors, List.of());

        artemis.endpoint("Sales").dispatch(List.of(Messages.send("Raffle", "never works")));

        IncomingMessage failed = errors.await(1, WAIT).get(0).message();
        assertEquals(12, attempts.get());
        assertEquals("delivered 13 times, more than the limit of 12", failed.headers().get("NServiceBus.ExceptionInfo.Message"));
    }

    @Test
    void aMessageBeyondTheDeliveryLimitGoesToTheErrorQueueWithTheReasonInsteadOfLooping() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Collector hopeless = new Collector(m -> {
            attempts.incrementAndGet();
            return ProcessResult.HAND_BACK;
        });
        AsbEndpoint raffle = artemis.endpoint("Raffle", Map.of("maxDeliveryCount", 3));
        raffle.declareTopology(List.of());
        raffle.startReceiving(1, hopeless);
        Collector errors = new Collector();
        artemis.receiving("error", 1, errors, List.of());
        OutgoingMessage poison = Messages.send("Raffle", "never works");

        artemis.endpoint("Sales").dispatch(List.of(poison));

        IncomingMessage failed = errors.await(1, WAIT).get(0).message();
        Thread.sleep(300);
        assertEquals(3, attempts.get(), "processed up to the limit, then not again");
        assertEquals("never works", Messages.body(failed));
        assertEquals(poison.messageId(), failed.headers().get("NServiceBus.MessageId"));
        assertEquals("Raffle", failed.headers().get("NServiceBus.FailedQ"));
        assertEquals("delivered 4 times, more than the limit of 3", failed.headers().get("NServiceBus.ExceptionInfo.Message"));
        assertEquals(FailureHeaders.EXCEPTION_TYPE, failed.headers().get("NServiceBus.ExceptionInfo.ExceptionType"));
        assertEquals(0, artemis.broker.messageCount("Raffle"));
    }
}
