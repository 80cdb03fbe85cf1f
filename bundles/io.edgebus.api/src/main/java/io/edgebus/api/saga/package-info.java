/**
 * Sagas: long-running state correlated by one property, started by some message types, completed
 * explicitly, stored through the persistence SPI with optimistic concurrency.
 */
@Export
@Version("1.0.0")
package io.edgebus.api.saga;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
