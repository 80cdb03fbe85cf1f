/**
 * What an endpoint measures about itself, for exporters (Prometheus, a console): an
 * {@link io.edgebus.api.monitoring.EndpointMetrics} service per endpoint instance.
 */
@Export
@Version("1.1.0")
package io.edgebus.api.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
