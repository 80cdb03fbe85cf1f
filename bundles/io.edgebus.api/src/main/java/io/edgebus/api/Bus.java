package io.edgebus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An endpoint's session for code that runs outside a handler (a UI, a timer, a device driver).
 * Each endpoint registers one as an OSGi service with the property
 * {@value #ENDPOINT_PROPERTY} set to the endpoint's name.
 */
@ProviderType
public interface Bus extends MessageSession {
    /** Service property naming the endpoint of a {@link Bus} or a {@link MessageHandler}. */
    String ENDPOINT_PROPERTY = "edgebus.endpoint";

    /** The endpoint's logical name, e.g. {@code Sales}. */
    String endpointName();

    /** Whether the endpoint's transport is connected, connecting, reconnecting or stopped. */
    EndpointState state();
}
