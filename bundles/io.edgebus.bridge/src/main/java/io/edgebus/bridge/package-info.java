/**
 * What the messaging bridge reports about itself: a {@link io.edgebus.bridge.BridgeMetrics} service
 * per bridge configuration, with a {@link io.edgebus.bridge.DirectionMetrics} per direction.
 */
@Export
@Version("1.0.0")
package io.edgebus.bridge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
