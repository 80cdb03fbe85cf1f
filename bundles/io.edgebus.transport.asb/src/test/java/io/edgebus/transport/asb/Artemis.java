package io.edgebus.transport.asb;

import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded Artemis plus the transport endpoints a test opened on it; closes all of them.
 * Endpoints are opened exactly as the DS component opens them.
 */
final class Artemis implements AutoCloseable {
    final EmbeddedArtemis broker;
    private final List<AsbEndpoint> endpoints = new ArrayList<>();

    Artemis() throws Exception {
        broker = new EmbeddedArtemis();
    }

    AsbSettings settings(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("brokerUri", broker.uri());
        all.putIfAbsent("recoveryInitialDelayMs", 100L);
        all.putIfAbsent("recoveryMaxDelayMs", 1_000L);
        all.putIfAbsent("confirmTimeoutMs", 10_000L);
        return TestConfigs.settings(all);
    }

    AsbEndpoint endpoint(String name) {
        return endpoint(name, Map.of());
    }

    AsbEndpoint endpoint(String name, Map<String, Object> overrides) {
        return endpoint(name, "1", overrides);
    }

    /** One instance of an endpoint; instances of one endpoint compete for its queue. */
    AsbEndpoint endpoint(String name, String instance, Map<String, Object> overrides) {
        AsbEndpoint endpoint = new AsbEndpoint(settings(overrides), new EndpointAddress(name, name, instance, "error"),
                e -> { });
        endpoints.add(endpoint);
        endpoint.open();
        Waits.until(() -> endpoint.state() == TransportState.CONNECTED, Duration.ofSeconds(10), name + " connected");
        return endpoint;
    }

    /** An endpoint with its topology and a receiver, like core starts one. */
    TransportEndpoint receiving(String name, int concurrency, Collector collector, List<String> subscribedTypes) {
        AsbEndpoint endpoint = endpoint(name);
        endpoint.declareTopology(List.of());
        for (String type : subscribedTypes) {
            endpoint.subscribe(List.of(type));
        }
        endpoint.startReceiving(concurrency, collector);
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        for (AsbEndpoint endpoint : endpoints) {
            endpoint.close(Duration.ofSeconds(2));
        }
        broker.close();
    }
}
