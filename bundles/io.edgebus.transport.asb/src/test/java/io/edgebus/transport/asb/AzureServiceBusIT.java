package io.edgebus.transport.asb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.ProcessResult;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same behaviour against a real Azure Service Bus namespace (Standard tier or above), when
 * EDGEBUS_ASB_CONNECTION_STRING holds a namespace connection string with Manage rights. Skipped,
 * visibly, otherwise. Entities are named with a run id; queues and subscriptions it creates stay.
 */
class AzureServiceBusIT {
    private static final String ENV = "EDGEBUS_ASB_CONNECTION_STRING";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<AsbEndpoint> endpoints = new ArrayList<>();
    private String connectionString;

    @BeforeEach
    void requireNamespace() {
        connectionString = System.getenv(ENV);
        assumeTrue(connectionString != null && !connectionString.isBlank(),
                ENV + " is not set: skipping the tests against real Azure Service Bus");
    }

    @AfterEach
    void close() {
        endpoints.forEach(e -> e.close(Duration.ofSeconds(5)));
    }

    private AsbEndpoint endpoint(String name) {
        AsbSettings settings = TestConfigs.settings(Map.of("_connectionString", connectionString,
                "topic", "edgebus-test-" + run));
        AsbEndpoint endpoint = new AsbEndpoint(settings, new EndpointAddress(name + "-" + run, name + "-" + run, "1",
                "error-" + run), e -> { });
        endpoints.add(endpoint);
        endpoint.open();
        Waits.until(() -> endpoint.state() == TransportState.CONNECTED, WAIT, name + " connected");
        return endpoint;
    }

    @Test
    void aCommandArrivesWithItsHeadersAndAnAbandonedOneComesBack() {
        AsbEndpoint billing = endpoint("Billing");
        billing.declareTopology(List.of());
        AtomicInteger attempts = new AtomicInteger();
        Collector got = new Collector(m -> attempts.incrementAndGet() == 1 ? ProcessResult.HAND_BACK : ProcessResult.ACK);
        billing.startReceiving(2, got);
        OutgoingMessage order = Messages.send("Billing-" + run, "{\"orderId\":1}");

        endpoint("Sales").dispatch(List.of(order));

        List<Collector.Received> received = got.await(2, WAIT);
        assertEquals(order.headers(), received.get(0).message().headers());
        assertTrue(received.get(1).message().redelivered());
    }

    @Test
    void anEventReachesOnlyItsSubscribersAndADelayedCommandWaits() throws Exception {
        AsbEndpoint shipping = endpoint("Shipping");
        shipping.declareTopology(List.of());
        shipping.subscribe(List.of("Booth.Contracts.OrderPlaced"));
        Collector shipped = new Collector();
        shipping.startReceiving(1, shipped);
        AsbEndpoint raffle = endpoint("Raffle");
        raffle.declareTopology(List.of());
        raffle.subscribe(List.of("Booth.Contracts.OrderBilled"));
        Collector raffled = new Collector();
        raffle.startReceiving(1, raffled);
        AsbEndpoint sales = endpoint("Sales");

        sales.dispatch(List.of(Messages.publish(List.of("Booth.Contracts.OrderPlaced"), "placed")));
        long sentAt = System.nanoTime();
        sales.dispatch(List.of(Messages.send("Shipping-" + run, "later", Duration.ofSeconds(5))));

        assertEquals("placed", Messages.body(shipped.await(1, WAIT).get(0).message()));
        long laterMs = TimeUnit.NANOSECONDS.toMillis(shipped.await(2, WAIT).get(1).atNanos() - sentAt);
        assertTrue(laterMs >= 4_000, "scheduled 5 s ahead, arrived after " + laterMs + " ms");
        Thread.sleep(2_000);
        assertEquals(0, raffled.received().size());
    }
}
