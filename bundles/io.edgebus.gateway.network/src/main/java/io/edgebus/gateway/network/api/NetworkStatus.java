package io.edgebus.gateway.network.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What the gateway network bundle has applied and what the DHCP server is doing. */
@ProviderType
public interface NetworkStatus {

    /** SHA-256 (hex) of the rule set last applied and verified; empty if none yet (or dry-run). */
    String appliedRulesHash();

    /** True when the last configuration was only rendered, not applied. */
    boolean dryRun();

    /** The error of the last apply, empty when it succeeded. */
    String lastError();

    DhcpServerState dhcpServer();

    /** Current leases as read from the DHCP server's lease file. */
    List<DhcpLease> leases();
}
