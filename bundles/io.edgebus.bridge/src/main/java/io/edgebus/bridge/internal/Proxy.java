package io.edgebus.bridge.internal;

import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An endpoint of the other side, impersonated on this side: a queue of its name (where senders here
 * route its commands and replies) subscribed to the events it subscribes to, read by a
 * {@link Forwarder} to the real endpoint.
 */
final class Proxy {
    final String endpoint;
    private final TransportEndpoint transport;
    private final Set<String> types = new LinkedHashSet<>(); // guarded by this

    Proxy(String endpoint, List<String> types, SideLink source, Forwarder forwarder, int concurrency) {
        this.endpoint = endpoint;
        this.transport = source.transport.open(new EndpointAddress(endpoint, endpoint, "bridge", source.errorQueue));
        transport.onStateChange(source::changed);
        transport.declareTopology(List.of());
        update(types);
        transport.startReceiving(concurrency, forwarder);
    }

    /** Subscribes to what is new, unsubscribes from what is gone. */
    synchronized void update(List<String> wanted) {
        for (String type : wanted) {
            if (types.add(type)) {
                transport.subscribe(List.of(type));
            }
        }
        for (String type : List.copyOf(types)) {
            if (!wanted.contains(type)) {
                transport.unsubscribe(type);
                types.remove(type);
            }
        }
    }

    TransportState state() {
        return transport.state();
    }

    OptionalLong backlog() {
        return transport.queueLength(endpoint);
    }

    void close(Duration drain) {
        transport.close(drain);
    }
}
