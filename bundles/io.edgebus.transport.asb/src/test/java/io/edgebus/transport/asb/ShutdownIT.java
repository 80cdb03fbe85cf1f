package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A closed endpoint leaves no thread and no connection behind (bundles are stopped at run time). */
class ShutdownIT {
    private final Artemis artemis = new Artemis();

    ShutdownIT() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        artemis.close();
    }

    @Test
    void closingAnEndpointStopsItsThreadsAndTheClientsThreads() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        AsbEndpoint endpoint = artemis.endpoint("Closing");
        endpoint.declareTopology(List.of());
        endpoint.subscribe(List.of("Booth.Contracts.OrderPlaced"));
        Collector collector = new Collector();
        endpoint.startReceiving(4, collector);
        endpoint.dispatch(List.of(Messages.send("Closing", "one")));
        collector.await(1, Duration.ofSeconds(10));

        endpoint.close(Duration.ofSeconds(2));

        assertEquals(TransportState.CLOSED, endpoint.state());
        Waits.until(() -> newThreads(before).isEmpty(), Duration.ofSeconds(10), "no new thread, still: " + newThreads(before));
        EdgeBusException e = assertThrows(EdgeBusException.class,
                () -> endpoint.dispatch(List.of(Messages.send("Closing", "two"))));
        assertEquals(EdgeBusException.Code.STOPPED, e.code());
    }

    @Test
    void anEndpointThatNeverReachedItsBrokerClosesPromptly() throws Exception {
        AsbSettings nowhere = TestConfigs.settings(Map.of("brokerUri", "amqp://127.0.0.1:1", "recoveryInitialDelayMs", 50L));
        AsbEndpoint endpoint = new AsbEndpoint(nowhere, new io.edgebus.api.transport.EndpointAddress("Lost", "Lost", "1",
                "error"), x -> { });
        endpoint.open();
        endpoint.startReceiving(2, new Collector());
        Thread.sleep(300);
        assertEquals(TransportState.CONNECTING, endpoint.state());

        long start = System.nanoTime();
        endpoint.close(Duration.ofSeconds(1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5_000, "closed in " + ms + " ms");
        assertEquals(TransportState.CLOSED, endpoint.state());
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                // Artemis (the broker) runs in this JVM too; its threads are not the endpoint's.
                .filter(t -> t.getName().startsWith("edgebus-") || t.getName().startsWith("QpidJMS"))
                .map(Thread::getName).toList();
    }
}
