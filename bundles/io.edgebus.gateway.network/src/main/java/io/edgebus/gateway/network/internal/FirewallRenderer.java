package io.edgebus.gateway.network.internal;

import java.util.ArrayList;
import java.util.List;

/** Settings → the rule set: forward LAN to uplink with MASQUERADE, nothing unsolicited inbound. */
final class FirewallRenderer {

    static final String FWD = "EDGEBUS-FWD";
    static final String IN = "EDGEBUS-IN";
    static final String NAT = "EDGEBUS-NAT";

    private FirewallRenderer() {
    }

    static RuleSet render(Settings s) {
        String lanNet = s.network() + "/" + s.prefix();
        List<Rule> filter = new ArrayList<>();
        filter.add(Rule.of(FWD, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        filter.add(Rule.of(FWD, "-s", lanNet, "-i", s.lan(), "-o", s.uplink(), "-j", "ACCEPT"));
        filter.add(Rule.of(FWD, "-i", s.uplink(), "-j", "DROP"));

        filter.add(Rule.of(IN, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        // DHCP requests arrive before the client has an address, so they cannot be matched by source.
        filter.add(Rule.of(IN, "-i", s.lan(), "-p", "udp", "-m", "udp", "--dport", "67", "-j", "ACCEPT"));
        filter.add(Rule.of(IN, "-i", s.lan(), "-p", "icmp", "-j", "ACCEPT"));
        for (int port : s.allowedPorts()) {
            filter.add(Rule.of(IN, "-i", s.lan(), "-p", "tcp", "-m", "tcp", "--dport", Integer.toString(port), "-j", "ACCEPT"));
        }
        filter.add(Rule.of(IN, "-i", s.lan(), "-j", "DROP"));
        filter.add(Rule.of(IN, "-i", s.uplink(), "-j", "DROP"));

        Table filterTable = new Table("filter", List.of(FWD, IN), filter,
                List.of(new Hook("FORWARD", FWD), new Hook("INPUT", IN)));
        Table natTable = new Table("nat", List.of(NAT),
                List.of(Rule.of(NAT, "-s", lanNet, "-o", s.uplink(), "-j", "MASQUERADE")),
                List.of(new Hook("POSTROUTING", NAT)));
        return new RuleSet(List.of(filterTable, natTable));
    }
}
