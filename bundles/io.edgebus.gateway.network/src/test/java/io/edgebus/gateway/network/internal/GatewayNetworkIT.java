package io.edgebus.gateway.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Real iptables, dnsmasq and dhclient in throw-away network namespaces (needs root). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayNetworkIT {

    private static NetnsLab lab;
    private static GatewayNetwork network;
    private static List<String> foreignBefore;
    private static String lan1Address;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "namespace tests need root");
        Assumptions.assumeTrue(NetnsLab.available(), "namespace tests need `ip netns`");
        lab = new NetnsLab();
        // Someone else's chain and rules, in both tables, before we ever apply.
        lab.exec(lab.gw, "iptables", "-N", "FOREIGN-CHAIN");
        lab.exec(lab.gw, "iptables", "-A", "FOREIGN-CHAIN", "-s", "10.9.9.9/32", "-j", "ACCEPT");
        lab.exec(lab.gw, "iptables", "-A", "FORWARD", "-d", "10.9.9.8/32", "-j", "FOREIGN-CHAIN");
        lab.exec(lab.gw, "iptables", "-t", "nat", "-A", "POSTROUTING", "-d", "10.9.9.7/32", "-j", "RETURN");
        foreignBefore = lab.foreignLines();
        network = new GatewayNetwork(lab.runnerIn(lab.gw));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    static TestConfig config(Consumer<TestConfig> change) {
        TestConfig c = new TestConfig();
        c.uplink = "up0";
        c.lan = "lan0";
        c.lanAddress = "10.202.0.1/24";
        c.rangeStart = "10.202.0.100";
        c.rangeEnd = "10.202.0.150";
        c.lease = 600;
        c.dns = new String[0];
        c.staticLeases = new String[] {NetnsLab.LAN2_MAC + ",10.202.0.20,lan2"};
        c.dryRun = false;
        c.rulesFile = lab.dir.resolve("rules.v4").toString();
        c.dhcpConfigFile = lab.dir.resolve("dnsmasq.conf").toString();
        c.persistenceDir = lab.dir.resolve("state").toString();
        change.accept(c);
        return c;
    }

    @Test
    @Order(1)
    void leasesNatAndNoUnsolicitedInbound() throws Exception {
        network.apply(config(c -> { }));
        assertEquals(64, network.appliedHash().length());
        assertTrue(network.dhcpState().running(), "dnsmasq running");

        lan1Address = lab.dhcp(lab.lan1);
        int last = Integer.parseInt(lan1Address.substring(lan1Address.lastIndexOf('.') + 1));
        assertTrue(lan1Address.startsWith("10.202.0.") && last >= 100 && last <= 150, lan1Address);
        assertEquals("10.202.0.20", lab.dhcp(lab.lan2));
        assertTrue(network.leases().stream().anyMatch(l -> l.ip().equals("10.202.0.20") && l.mac().equals(NetnsLab.LAN2_MAC)),
                network.leases().toString());

        lab.start(lab.up, "socat", "TCP-LISTEN:8080,reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
        lab.start(lab.lan1, "socat", "TCP-LISTEN:9090,reuseaddr,fork", "SYSTEM:echo lan1");
        assertEquals("10.201.0.2", awaitConnect(lab.lan1, "10.201.0.1", 8080), "upstream sees the gateway's uplink address");
        assertNotNull(awaitConnect(lab.lan2, lan1Address, 9090), "lan1 listener is up (reachable on the LAN)");
        assertNull(lab.connect(lab.up, lan1Address, 9090), "upstream must not reach lan1");
    }

    @Test
    @Order(2)
    void badConfigurationIsRejectedAndRulesStay() throws Exception {
        List<String> before = lab.save();
        assertMessage("dhcpRangeStart", config(c -> c.rangeStart = "10.202.0.1"));
        assertMessage("bad MAC", config(c -> c.staticLeases = new String[] {"02:eb:00:00:00,10.202.0.20"}));
        assertMessage("lanInterface", config(c -> c.lan = "eth0; rm -rf /"));
        assertMessage("dynamic DHCP range", config(c -> c.staticLeases = new String[] {"02:eb:00:00:00:09,10.202.0.120"}));
        assertEquals(before, lab.save());
    }

    @Test
    @Order(3)
    void failedApplyRollsBack() throws Exception {
        List<String> before = lab.save();
        Settings s = Settings.from(config(c -> c.ports = new int[] {22, 8443}));
        RuleSet bad = FirewallRenderer.render(s).plus("filter", Rule.of("EDGEBUS-FWD", "-j", "EB-NO-SUCH-CHAIN"));
        assertThrows(IllegalStateException.class, () -> network.applyRendered(s, bad));
        assertEquals(before, lab.save());

        // Rules that the kernel takes, then a later step fails: the applied chains must be undone.
        CommandRunner inGw = lab.runnerIn(lab.gw);
        CommandRunner failingSysctl = (argv, stdin) -> argv.get(0).equals("sysctl")
                ? new CommandRunner.Result(1, "", "injected sysctl failure") : inGw.run(argv, stdin);
        GatewayNetwork failing = new GatewayNetwork(failingSysctl);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failing.apply(config(c -> c.ports = new int[] {8443})));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertEquals(before, lab.save());
    }

    @Test
    @Order(4)
    void foreignRulesSurviveThreeAppliesAndARestore() throws Exception {
        network.apply(config(c -> c.ports = new int[] {22}));
        network.apply(config(c -> c.ports = new int[] {22, 1883}));
        network.apply(config(c -> c.ports = new int[] {2222}));
        network.restore(Path.of(config(c -> { }).rulesFile), Path.of(config(c -> { }).dhcpConfigFile));
        assertEquals(foreignBefore, lab.foreignLines());
        List<String> save = lab.save();
        for (String hook : List.of("-A FORWARD -j EDGEBUS-FWD", "-A INPUT -j EDGEBUS-IN", "-A POSTROUTING -j EDGEBUS-NAT")) {
            assertEquals(1, save.stream().filter(hook::equals).count(), hook);
        }
        assertTrue(save.contains("-A EDGEBUS-IN -i lan0 -p tcp -m tcp --dport 2222 -j ACCEPT"), save.toString());
    }

    @Test
    @Order(5)
    void survivesASimulatedReboot() throws Exception {
        network.stopDhcp();
        for (String table : List.of("filter", "nat")) {
            lab.exec(lab.gw, "iptables", "-t", table, "-F");
            lab.exec(lab.gw, "iptables", "-t", table, "-X");
        }
        lab.exec(lab.gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
        assertNull(lab.connect(lab.lan1, "10.201.0.1", 8080), "no forwarding after the 'reboot'");

        GatewayNetwork booted = new GatewayNetwork(lab.runnerIn(lab.gw));
        booted.restore(Path.of(config(c -> { }).rulesFile), Path.of(config(c -> { }).dhcpConfigFile));
        assertEquals("10.201.0.2", awaitConnect(lab.lan1, "10.201.0.1", 8080));
        assertNull(lab.connect(lab.up, lan1Address, 9090), "upstream must not reach lan1");
        assertTrue(network.dhcpState().running(), "dnsmasq restarted from the persisted config");
    }

    private static void assertMessage(String expected, TestConfig bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.apply(bad));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Retries briefly because listeners started just before may not be bound yet. */
    private static String awaitConnect(String ns, String host, int port) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            String out = lab.connect(ns, host, port);
            if (out != null && !out.isEmpty()) {
                return out;
            }
            Thread.sleep(200);
        }
        return null;
    }
}
