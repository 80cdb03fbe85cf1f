package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Broker broker = new Broker();
    private TcpProxy proxy;

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aConnectionClosedByTheBrokerMidStreamRecoversAndLosesNoMessage() throws Exception {
        String queue = broker.queue("Resilient");
        TransportEndpoint endpoint = broker.connectedEndpoint(queue);
        StateLog states = StateLog.of(endpoint);
        endpoint.declareTopology(List.of());
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            messages.add(Messages.send(queue, "m" + i));
        }
        endpoint.dispatch(messages);
        String pid = Broker.connectionPids("edgebus/" + queue + "/1").get(0);
        Set<String> processed = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        endpoint.startReceiving(4, message -> {
            calls.incrementAndGet();
            sleep(12);
            processed.add(message.nativeId());
            return ProcessResult.ACK;
        });
        Broker.await(() -> processed.size() >= 150, WAIT, "150 processed");

        long closedAt = System.nanoTime();
        Broker.closeConnection(pid);
        int processedAtClose = processed.size();

        Broker.await(() -> processed.size() == 1_000, WAIT, "all 1000 processed, have " + processed.size());
        assertTrue(processedAtClose < 1_000, "the close came after the stream ended");
        assertEquals(messages.stream().map(OutgoingMessage::messageId).collect(Collectors.toSet()), processed);
        List<TransportState> seen = states.states();
        assertTrue(seen.indexOf(TransportState.RECONNECTING) >= 0
                && seen.lastIndexOf(TransportState.CONNECTED) > seen.indexOf(TransportState.RECONNECTING), seen.toString());
        System.out.printf("recovery: processed %d before the close, RECONNECTING→CONNECTED in %d ms, "
                        + "%d ms after the close command was issued, %d duplicate deliveries%n", processedAtClose,
                states.millisBetween(TransportState.RECONNECTING, TransportState.CONNECTED),
                TimeUnit.NANOSECONDS.toMillis(states.changes().get(states.changes().size() - 1).atNanos() - closedAt),
                calls.get() - 1_000);
        endpoint.dispatch(List.of(Messages.send(queue, "after recovery")));
    }

    @Test
    void aPulledCableIsSurvivedAndSendsFailFastUntilTheLinkIsBack() throws Exception {
        proxy = new TcpProxy(5672);
        proxy.start();
        String queue = broker.queue("Cable");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("port", proxy.port(),
                "confirmTimeoutMs", 500L, "recoveryInitialDelayMs", 200L, "recoveryMaxDelayMs", 400L)), queue);
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);
        endpoint.declareTopology(List.of());
        Collector collector = new Collector();
        endpoint.startReceiving(2, collector);

        proxy.stop();
        Broker.awaitState(endpoint, TransportState.RECONNECTING, WAIT);
        Thread.sleep(1_000);
        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send(queue, "while the cable is out"))));
        assertEquals(EdgeBusException.Code.TRANSPORT_UNAVAILABLE, e.code());
        assertEquals(TransportState.RECONNECTING, endpoint.state());

        proxy.start();
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);
        endpoint.dispatch(List.of(Messages.send(queue, "cable back")));
        assertEquals("cable back", Messages.body(collector.await(1, WAIT).get(0).message()));
    }

    @Test
    void aQueueDeletedWhileDisconnectedIsDeclaredAndConsumedAgainAfterReconnecting() throws Exception {
        proxy = new TcpProxy(5672);
        proxy.start();
        String queue = broker.queue("Rebuilt");
        String event = broker.exchange("contracts.Rebuilt");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("port", proxy.port(),
                "recoveryInitialDelayMs", 100L, "recoveryMaxDelayMs", 200L)), queue);
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);
        endpoint.declareTopology(List.of());
        endpoint.subscribe(List.of(event));
        Collector collector = new Collector();
        endpoint.startReceiving(1, collector);

        proxy.stop();
        Broker.awaitState(endpoint, TransportState.RECONNECTING, WAIT);
        broker.adminChannel().queueDelete(queue);
        broker.adminChannel().exchangeDelete(queue);
        proxy.start();
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);

        endpoint.dispatch(List.of(Messages.send(queue, "command"), Messages.publish(List.of(event), "event")));
        assertEquals(Set.of("command", "event"), collector.await(2, WAIT).stream()
                .map(r -> Messages.body(r.message())).collect(Collectors.toSet()));
    }

    @Test
    void whatWasAskedForBeforeTheFirstConnectIsDoneOnceTheBrokerIsReachable() throws Exception {
        proxy = new TcpProxy(5672);
        String queue = broker.queue("Early");
        String event = broker.exchange("contracts.Early");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("port", proxy.port(),
                "recoveryInitialDelayMs", 100L, "recoveryMaxDelayMs", 200L)), queue);
        Collector collector = new Collector();

        endpoint.declareTopology(List.of());
        endpoint.subscribe(List.of(event));
        endpoint.startReceiving(1, collector);
        Thread.sleep(500);
        assertEquals(TransportState.CONNECTING, endpoint.state());

        proxy.start();
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);
        endpoint.dispatch(List.of(Messages.send(queue, "command"), Messages.publish(List.of(event), "event")));
        assertEquals(Set.of("command", "event"), collector.await(2, WAIT).stream()
                .map(r -> Messages.body(r.message())).collect(Collectors.toSet()));
    }

    @Test
    void aFirstConnectToAWrongPortKeepsTryingWithoutThrowingUntilClosed() throws Exception {
        Set<Thread> before = Threads.all();
        int nothingListens;
        try (TcpProxy unused = new TcpProxy(5672)) {
            nothingListens = unused.port();
        }
        String queue = broker.queue("Lost");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("port", nothingListens,
                "confirmTimeoutMs", 300L)), queue);
        StateLog states = StateLog.of(endpoint);

        endpoint.declareTopology(List.of());
        endpoint.startReceiving(1, message -> ProcessResult.ACK);
        Thread.sleep(1_500);
        assertEquals(TransportState.CONNECTING, endpoint.state());
        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send(queue, "nowhere"))));
        assertEquals(EdgeBusException.Code.TRANSPORT_UNAVAILABLE, e.code());

        long before2 = System.nanoTime();
        endpoint.close(Duration.ofSeconds(1));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before2);

        assertEquals(TransportState.CLOSED, endpoint.state());
        assertTrue(closeMs < 2_000, "close took " + closeMs + " ms");
        Broker.await(() -> states.states().contains(TransportState.CLOSED), WAIT, "CLOSED reported");
        assertEquals(List.of(), Threads.startedSince(before));
    }

    @Test
    void closingWhileReconnectingEndsTheBackOffAtOnce() throws Exception {
        proxy = new TcpProxy(5672);
        proxy.start();
        Set<Thread> before = Threads.all();
        String queue = broker.queue("Closing");
        TransportEndpoint endpoint = broker.endpoint(broker.transport(Map.of("port", proxy.port(),
                "recoveryInitialDelayMs", 20_000L, "recoveryMaxDelayMs", 30_000L)), queue);
        Broker.awaitState(endpoint, TransportState.CONNECTED, WAIT);
        proxy.stop();
        Broker.awaitState(endpoint, TransportState.RECONNECTING, WAIT);

        long start = System.nanoTime();
        endpoint.close(Duration.ofSeconds(1));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(closeMs < 2_000, "close took " + closeMs + " ms");
        assertEquals(List.of(), Threads.startedSince(before));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
