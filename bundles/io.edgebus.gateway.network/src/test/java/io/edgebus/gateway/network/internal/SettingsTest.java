package io.edgebus.gateway.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static String rejected(Consumer<TestConfig> change) {
        TestConfig c = new TestConfig();
        change.accept(c);
        return assertThrows(IllegalArgumentException.class, () -> Settings.from(c)).getMessage();
    }

    @Test
    void defaultsAreValid() {
        Settings s = Settings.from(new TestConfig());
        assertEquals("10.77.0.0", s.network());
        assertEquals("255.255.255.0", s.netmask());
    }

    @Test
    void interfaceNamesCannotCarryShellText() {
        assertTrue(rejected(c -> c.lan = "eth0; rm -rf /").startsWith("lanInterface:"));
        assertTrue(rejected(c -> c.uplink = "averyveryverylongname").startsWith("uplinkInterface:"));
        assertTrue(rejected(c -> c.uplink = "eth0").startsWith("lanInterface: must differ"));
    }

    @Test
    void addressesAndRangeMustFitTheSubnet() {
        assertTrue(rejected(c -> c.lanAddress = "10.77.0.0/24").startsWith("lanAddress:"));
        assertTrue(rejected(c -> c.lanAddress = "10.77.0.1").startsWith("lanAddress:"));
        assertTrue(rejected(c -> c.lanAddress = "10.77.0.300/24").startsWith("lanAddress:"));
        assertTrue(rejected(c -> c.rangeEnd = "10.78.0.150").startsWith("dhcpRangeEnd:"));
        assertTrue(rejected(c -> c.rangeStart = "10.77.0.200").startsWith("dhcpRangeEnd:"));
        assertTrue(rejected(c -> c.rangeStart = "10.77.0.1").startsWith("dhcpRangeStart:"));
        assertTrue(rejected(c -> c.lease = 60).startsWith("leaseTimeSeconds:"));
    }

    @Test
    void staticLeasesAreCheckedOneByOne() {
        assertTrue(rejected(c -> c.staticLeases = new String[] {"zz:bb:cc:dd:ee:ff,10.77.0.10"}).contains("bad MAC"));
        assertTrue(rejected(c -> c.staticLeases = new String[] {"02:bb:cc:dd:ee:ff,10.77.0.120"}).contains("dynamic DHCP range"));
        assertTrue(rejected(c -> c.staticLeases = new String[] {"02:bb:cc:dd:ee:ff,10.78.0.10"}).contains("not a host address"));
        assertTrue(rejected(c -> c.staticLeases = new String[] {"02:bb:cc:dd:ee:ff,10.77.0.10,a b"}).contains("bad host name"));
        assertTrue(rejected(c -> c.staticLeases = new String[] {
            "02:bb:cc:dd:ee:ff,10.77.0.10", "02:BB:CC:DD:EE:FF,10.77.0.11"}).contains("duplicate"));
        assertTrue(rejected(c -> c.staticLeases = new String[] {
            "02:bb:cc:dd:ee:01,10.77.0.10", "02:bb:cc:dd:ee:02,10.77.0.10"}).contains("duplicate"));
    }

    @Test
    void portsDnsAndPaths() {
        assertTrue(rejected(c -> c.ports = new int[] {0}).startsWith("allowedInboundPorts:"));
        assertTrue(rejected(c -> c.ports = new int[] {65536}).startsWith("allowedInboundPorts:"));
        assertTrue(rejected(c -> c.ports = new int[] {22, 22}).startsWith("allowedInboundPorts: duplicate"));
        assertTrue(rejected(c -> c.dns = new String[] {"dns.example"}).startsWith("dnsServers:"));
        assertTrue(rejected(c -> c.rulesFile = "relative/rules").startsWith("rulesFile:"));
        assertTrue(rejected(c -> c.dhcpConfigFile = "/etc/x.conf\ndhcp-script=/bin/sh").startsWith("dhcpConfigFile:"));
        assertTrue(rejected(c -> c.persistenceDir = "/var/../etc").startsWith("persistenceDir:"));
    }
}
