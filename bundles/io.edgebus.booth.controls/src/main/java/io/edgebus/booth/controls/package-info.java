/**
 * Controls of a booth endpoint instance (F21, F22): the control keys, their pure parser, the state
 * as a service for other bundles (recoverability reads the delayed-retries and auto-rate-limit
 * toggles), the {@link io.edgebus.booth.controls.ControlCommand} that carries keys over the bus,
 * and the manual-mode header.
 */
@Export
@Version("1.0.0")
package io.edgebus.booth.controls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
