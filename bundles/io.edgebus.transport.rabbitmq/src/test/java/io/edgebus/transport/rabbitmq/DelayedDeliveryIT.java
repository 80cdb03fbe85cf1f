package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final Broker broker = new Broker();

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void delayedSendsArriveNoSoonerThanTheirDelayRoundedUpToWholeSeconds() {
        String queue = broker.queue("Reminders");
        TransportEndpoint receiver = broker.connectedEndpoint(queue);
        receiver.declareTopology(List.of());
        Collector collector = new Collector();
        receiver.startReceiving(2, collector);
        TransportEndpoint sender = broker.connectedEndpoint(broker.queue("Scheduler"));
        OutgoingMessage oneSecond = Messages.send(queue, "1 s", Duration.ofSeconds(1));
        OutgoingMessage roundedUp = Messages.send(queue, "1.2 s", Duration.ofMillis(1_200));

        long sentAt = System.nanoTime();
        sender.dispatch(List.of(roundedUp, oneSecond));

        Map<String, Long> arrivedAfterMs = collector.await(2, WAIT).stream().collect(Collectors.toMap(
                r -> Messages.body(r.message()), r -> TimeUnit.NANOSECONDS.toMillis(r.atNanos() - sentAt)));
        System.out.println("delayed delivery: arrived after " + arrivedAfterMs + " ms");
        assertTrue(arrivedAfterMs.get("1 s") >= 1_000, arrivedAfterMs.toString());
        assertTrue(arrivedAfterMs.get("1.2 s") >= 2_000, arrivedAfterMs.toString());
        assertTrue(arrivedAfterMs.get("1.2 s") < 8_000, arrivedAfterMs.toString());
        Collector.Received first = collector.received().get(0);
        assertEquals(oneSecond.messageId(), first.message().nativeId(), "the shorter delay arrives first");
        assertEquals(oneSecond.headers(), first.message().headers(), "delay bookkeeping headers are not passed on");
        assertFalse(first.message().redelivered());
    }

    @Test
    void aDelayedSendToAQueueWithoutExchangeArrivesToo() throws Exception {
        String bare = broker.queue("bare");
        broker.adminChannel().queueDeclare(bare, true, false, false, null);
        TransportEndpoint sender = broker.connectedEndpoint(broker.queue("Scheduler"));

        sender.dispatch(List.of(Messages.send(bare, "later", Duration.ofSeconds(1))));

        assertEquals(0, broker.adminChannel().messageCount(bare));
        Broker.await(() -> count(bare) == 1, WAIT, "the delayed message in " + bare);
    }

    private long count(String queue) {
        try {
            return broker.adminChannel().messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
