/** Read-only view of the gateway's network state (rules, DHCP server, leases) for consoles. */
@Export
@Version("1.0.0")
package io.edgebus.gateway.network.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
