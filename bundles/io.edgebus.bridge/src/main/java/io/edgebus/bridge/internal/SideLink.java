package io.edgebus.bridge.internal;

import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.Transport;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of the bridge: its transport, and the bridge's sender on it (an endpoint whose queue is
 * the side's bridge error queue; it never receives). Forwards into this side and moves to its error
 * queue go through the sender; its connection state is the side's link state.
 */
final class SideLink {
    private static final Logger LOG = LoggerFactory.getLogger(SideLink.class);

    final String label;
    final String transportName;
    final Transport transport;
    final String errorQueue;
    private final String bridge;
    private final int configuredMaxBytes;
    private final AtomicLong downs = new AtomicLong();
    private volatile TransportEndpoint sender;

    SideLink(String bridge, String label, String transportName, Transport transport, String errorQueue, int configuredMaxBytes) {
        this.bridge = bridge;
        this.label = label;
        this.transportName = transportName;
        this.transport = transport;
        this.errorQueue = errorQueue;
        this.configuredMaxBytes = configuredMaxBytes;
    }

    void open() {
        TransportEndpoint opened = transport.open(new EndpointAddress(bridge, errorQueue, "bridge-" + label, errorQueue));
        opened.onStateChange(this::changed);
        opened.declareTopology(List.of());
        sender = opened;
    }

    TransportEndpoint sender() {
        return sender;
    }

    /** The target's own limit when it states one, else the configured one. */
    long maxMessageBytes() {
        Transport.Capabilities c = transport.capabilities();
        return c != null && c.maxMessageBytes() > 0 ? c.maxMessageBytes() : configuredMaxBytes;
    }

    TransportState state() {
        TransportEndpoint s = sender;
        return s == null ? TransportState.CONNECTING : s.state();
    }

    long downs() {
        return downs.get();
    }

    /** Counts and logs a link state change of a proxy or the sender on this side. */
    void changed(TransportState state) {
        if (state == TransportState.RECONNECTING) {
            downs.incrementAndGet();
            LOG.warn("bridge {}: link to side {} ({}) lost, reconnecting", bridge, label, transportName);
        } else if (state == TransportState.CONNECTED) {
            LOG.info("bridge {}: link to side {} ({}) connected", bridge, label, transportName);
        }
    }

    void close(Duration drain) {
        TransportEndpoint s = sender;
        if (s != null) {
            s.close(drain);
        }
    }
}
