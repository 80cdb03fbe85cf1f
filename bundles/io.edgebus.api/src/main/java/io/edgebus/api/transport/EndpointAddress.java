package io.edgebus.api.transport;

import java.util.Objects;

/**
 * Who an endpoint is on the broker.
 *
 * @param endpointName the logical endpoint name (Sales)
 * @param queue the input queue, shared by every instance of the endpoint
 * @param instanceId the instance (1, 2, …), used for connection names and diagnostics
 * @param errorQueue where failed and poison messages go
 */
public record EndpointAddress(String endpointName, String queue, String instanceId, String errorQueue) {
    public EndpointAddress {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(errorQueue, "errorQueue");
    }
}
