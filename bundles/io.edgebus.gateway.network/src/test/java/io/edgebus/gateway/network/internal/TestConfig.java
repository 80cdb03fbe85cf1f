package io.edgebus.gateway.network.internal;

import java.lang.annotation.Annotation;

/** A mutable NetworkConfig for tests; defaults are a small LAN on 10.77.0.0/24. */
@SuppressWarnings("all")
class TestConfig implements NetworkConfig {
    String uplink = "wlan0";
    String lan = "eth0";
    String lanAddress = "10.77.0.1/24";
    String rangeStart = "10.77.0.100";
    String rangeEnd = "10.77.0.150";
    int lease = 3600;
    String[] staticLeases = {};
    String[] dns = {"1.1.1.1"};
    int[] ports = {22};
    boolean dryRun = true;
    String rulesFile = "/tmp/edgebus-test/rules.v4";
    String dhcpConfigFile = "/tmp/edgebus-test/dnsmasq.conf";
    String persistenceDir = "/var/lib/edgebus/network";

    @Override public Class<? extends Annotation> annotationType() { return NetworkConfig.class; }
    @Override public String uplinkInterface() { return uplink; }
    @Override public String lanInterface() { return lan; }
    @Override public String lanAddress() { return lanAddress; }
    @Override public String dhcpRangeStart() { return rangeStart; }
    @Override public String dhcpRangeEnd() { return rangeEnd; }
    @Override public int leaseTimeSeconds() { return lease; }
    @Override public String[] staticLeases() { return staticLeases; }
    @Override public String[] dnsServers() { return dns; }
    @Override public int[] allowedInboundPorts() { return ports; }
    @Override public boolean dryRun() { return dryRun; }
    @Override public String rulesFile() { return rulesFile; }
    @Override public String dhcpConfigFile() { return dhcpConfigFile; }
    @Override public String persistenceDir() { return persistenceDir; }
}
