package io.edgebus.api.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A configured connection to a broker, registered as an OSGi service with the property
 * {@value #NAME_PROPERTY}. Endpoints select one with a target filter such as
 * {@code (transport.name=local)}. Core never imports a broker client: it only sees this SPI.
 */
@ConsumerType
public interface Transport {
    /** Service property that names a configured transport. */
    String NAME_PROPERTY = "transport.name";

    /**
     * Opens the transport for one endpoint. Returns at once: connecting happens in the background
     * and is retried forever with back-off; {@link TransportEndpoint#state()} tells how far it got.
     */
    TransportEndpoint open(EndpointAddress endpoint);

    /** What this transport can do, so tests and endpoints can adapt. */
    Capabilities capabilities();

    /** Transport capabilities. */
    record Capabilities(boolean delayedDelivery, long maxMessageBytes) {
    }
}
