package io.edgebus.bridge;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by each running bridge with the service property {@code bridge.name}. Exporters read it
 * when asked, not per message; counters only grow for the life of the bridge configuration.
 */
@ProviderType
public interface BridgeMetrics {

    /** Both directions now (A to B first); asks the source transport for queue lengths. */
    List<DirectionMetrics> snapshot();
}
