package io.edgebus.api.monitoring;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Figures of a component that is not an endpoint (the bridge, for one), for every exporter of the
 * runtime: register an implementation as a service and the Prometheus endpoint serves its samples
 * as they are. Read when asked (a scrape), not per message. Names follow the Prometheus conventions
 * ({@code edgebus_<component>_<what>[_total]}); samples of one name from all sources form one family,
 * so every source must give the same kind and help for a name.
 *
 * @since 1.2
 */
@ConsumerType
public interface MetricSource {

    /** The samples now. */
    List<MetricSample> samples();
}
