package io.edgebus.gateway.network.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "EdgeBus gateway network",
        description = "NAT/forwarding from the LAN to the uplink and the LAN's DHCP server (dnsmasq).")
public @interface NetworkConfig {

    @AttributeDefinition(description = "Interface towards the internet (gets MASQUERADE).")
    String uplinkInterface() default "wlan0";

    @AttributeDefinition(description = "Interface of the Sales Pi LAN (DHCP is served here).")
    String lanInterface() default "eth0";

    @AttributeDefinition(description = "Gateway address on the LAN with prefix, e.g. 192.168.50.1/24.")
    String lanAddress() default "192.168.50.1/24";

    @AttributeDefinition(description = "First address of the dynamic DHCP range.")
    String dhcpRangeStart() default "192.168.50.100";

    @AttributeDefinition(description = "Last address of the dynamic DHCP range.")
    String dhcpRangeEnd() default "192.168.50.199";

    @AttributeDefinition(description = "Lease time in seconds (at least 120, dnsmasq's minimum).")
    int leaseTimeSeconds() default 43200;

    @AttributeDefinition(description = "Static leases as 'mac,ip,name', e.g. 'dc:a6:32:01:02:03,192.168.50.11,sales1'.")
    String[] staticLeases() default {};

    @AttributeDefinition(description = "DNS servers handed to DHCP clients.")
    String[] dnsServers() default {"1.1.1.1", "9.9.9.9"};

    @AttributeDefinition(description = "TCP ports of the gateway reachable from the LAN (DHCP is always allowed).")
    int[] allowedInboundPorts() default {22, 1883};

    @AttributeDefinition(description = "Only render the files; run no system command.")
    boolean dryRun() default false;

    @AttributeDefinition(description = "Our rule fragment, iptables-restore --noflush format (iptables-persistent style).")
    String rulesFile() default "/etc/iptables/edgebus.v4";

    @AttributeDefinition(description = "Generated dnsmasq configuration.")
    String dhcpConfigFile() default "/etc/edgebus/dnsmasq-edgebus.conf";

    @AttributeDefinition(description = "Directory for the dnsmasq pid and lease files.")
    String persistenceDir() default "/var/lib/edgebus/network";
}
