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

    /**
     * Whether auto rate limiting holds the endpoint at one message at a time after consecutive
     * failures (F8); false for an implementation without it.
     *
     * @since 1.1
     */
    default boolean rateLimited() {
        return false;
    }

    /**
     * Failed processing attempts in a row, reset by a success; 0 for an implementation without
     * auto rate limiting.
     *
     * @since 1.1
     */
    default int consecutiveFailures() {
        return 0;
    }
}
