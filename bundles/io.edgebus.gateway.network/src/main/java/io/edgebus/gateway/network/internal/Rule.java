package io.edgebus.gateway.network.internal;

import java.util.List;

/**
 * One rule appended to one of our chains. The arguments are written in the canonical order
 * iptables-save prints, so a rule read back compares equal to the rule we rendered.
 */
record Rule(String chain, List<String> args) {

    static Rule of(String chain, String... args) {
        return new Rule(chain, List.of(args));
    }

    String render() {
        return "-A " + chain + " " + String.join(" ", args);
    }
}
