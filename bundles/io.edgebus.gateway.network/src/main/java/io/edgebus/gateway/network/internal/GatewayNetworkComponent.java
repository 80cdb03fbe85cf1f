package io.edgebus.gateway.network.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.edgebus.gateway.network.api.DhcpLease;
import io.edgebus.gateway.network.api.DhcpServerState;
import io.edgebus.gateway.network.api.NetworkStatus;

/**
 * Applies the gateway network configuration. Configuration is required: installing the bundle
 * alone must not change a device's firewall. Deactivation leaves rules and DHCP in place on
 * purpose, as they are persisted for boot and the LAN keeps working while the bundle updates.
 */
@Component(configurationPid = "io.edgebus.gateway.network", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NetworkConfig.class)
public final class GatewayNetworkComponent implements NetworkStatus {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayNetworkComponent.class);
    private final GatewayNetwork network = new GatewayNetwork(new ProcessCommandRunner(List.of()));

    @Activate
    @Modified
    void configure(NetworkConfig config) throws InterruptedException {
        try {
            network.apply(config);
            LOG.info("Gateway network applied (dry-run={}, rules {})", config.dryRun(), network.appliedHash());
        } catch (RuntimeException e) {
            // Keep the component (and its status) up: the previous rules are still in force.
            LOG.error("Gateway network configuration not applied: {}", e.getMessage());
        }
    }

    @Override
    public String appliedRulesHash() {
        return network.appliedHash();
    }

    @Override
    public boolean dryRun() {
        return network.dryRun();
    }

    @Override
    public String lastError() {
        return network.lastError();
    }

    @Override
    public DhcpServerState dhcpServer() {
        return network.dhcpState();
    }

    @Override
    public List<DhcpLease> leases() {
        return network.leases();
    }
}
