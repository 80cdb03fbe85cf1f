/**
 * What an endpoint measures about itself, for exporters (Prometheus, a console): an
 * {@link io.edgebus.api.monitoring.EndpointMetrics} service per endpoint instance; and, since 1.2,
 * {@link io.edgebus.api.monitoring.MetricSource} services of other components (the bridge), and
 * whether an endpoint's receiving stalled.
 */
@Export
@Version("1.2.0")
package io.edgebus.api.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
