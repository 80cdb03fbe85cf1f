package io.edgebus.api.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by core for each running endpoint instance, with the service properties
 * {@code edgebus.endpoint} and {@code instance}. Exporters read it when asked (a scrape), not per
 * message; the counters only grow for the life of the endpoint instance.
 */
@ProviderType
public interface EndpointMetrics {

    /** The counters and timings now; asks the transport for the queue length (one broker round trip). */
    MetricsSnapshot snapshot();
}
