package io.edgebus.booth.controls;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live controls of one endpoint instance, registered as a service with the property
 * {@code edgebus.endpoint} naming the endpoint. Other bundles read it (recoverability asks
 * {@link ControlValues#delayedRetries()} and {@link ControlValues#autoRateLimit()}).
 */
@ProviderType
public interface ControlState {
    ControlProfile profile();

    ControlValues current();

    /** Applies keys as if typed on this instance's terminal and returns what they did. */
    ParseResult apply(String keys);
}
