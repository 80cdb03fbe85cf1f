package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker is stopped mid-stream and started again on the same port and journal: both endpoints
 * reconnect on their own, and every message whose dispatch was confirmed is received.
 */
class ReconnectIT {
    private static final int MESSAGES = 400;
    private final Artemis artemis = new Artemis();

    ReconnectIT() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        artemis.close();
    }

    @Test
    void afterABrokerRestartMidStreamBothSidesReconnectAndNothingConfirmedIsLost() throws Exception {
        Collector billing = new Collector();
        TransportEndpoint receiver = artemis.receiving("Billing", 4, billing, List.of("Booth.Contracts.OrderPlaced"));
        List<TransportState> receiverStates = new CopyOnWriteArrayList<>();
        receiver.onStateChange(receiverStates::add);
        TransportEndpoint sender = artemis.endpoint("Sales");
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        int failedSends = 0;

        Thread outage = new Thread(() -> {
            try {
                artemis.broker.stop();
                Thread.sleep(2_000);
                artemis.broker.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "outage");
        for (int i = 0; i < MESSAGES; i++) {
            if (i == MESSAGES / 3) {
                outage.start(); // while the sender goes on
            }
            String body = "order " + i;
            // Like core: a dispatch that was not confirmed is retried (at least once, never lost).
            while (true) {
                try {
                    sender.dispatch(List.of(i % 2 == 0 ? Messages.send("Billing", body)
                            : Messages.publish(List.of("Booth.Contracts.OrderPlaced"), body)));
                    confirmed.add(body);
                    break;
                } catch (EdgeBusException e) {
                    failedSends++;
                    Thread.sleep(100);
                }
            }
        }

        outage.join();
        Waits.until(() -> Set.copyOf(billing.bodies()).containsAll(confirmed), Duration.ofSeconds(30),
                "every confirmed message, got " + Set.copyOf(billing.bodies()).size() + " of " + confirmed.size());
        System.out.println("reconnect: " + MESSAGES + " sent, " + failedSends + " sends retried during the outage, "
                + billing.received().size() + " deliveries (" + (billing.received().size() - Set.copyOf(billing.bodies()).size())
                + " redelivered duplicates), receiver states " + receiverStates);
        assertEquals(MESSAGES, confirmed.size());
        assertTrue(failedSends > 0, "the sender saw the outage");
        assertTrue(receiverStates.contains(TransportState.RECONNECTING), receiverStates.toString());
        assertEquals(TransportState.CONNECTED, receiverStates.get(receiverStates.size() - 1));
        assertEquals(TransportState.CONNECTED, sender.state());
    }
}
