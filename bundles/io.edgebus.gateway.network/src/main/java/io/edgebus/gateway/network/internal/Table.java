package io.edgebus.gateway.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Our chains, their rules and their hooks in one iptables table (filter or nat). */
record Table(String name, List<String> chains, List<Rule> rules, List<Hook> hooks) {

    Table {
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
        hooks = List.copyOf(hooks);
    }

    boolean isEmpty() {
        return chains.isEmpty() && rules.isEmpty() && hooks.isEmpty();
    }

    Table plus(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new Table(name, chains, more, hooks);
    }

    /** Order-insensitive across chains and hooks, order-sensitive within a chain (what the kernel evaluates). */
    Object comparable() {
        Map<String, List<String>> byChain = new TreeMap<>();
        chains.forEach(c -> byChain.put(c, new ArrayList<>()));
        rules.forEach(r -> byChain.computeIfAbsent(r.chain(), c -> new ArrayList<>()).add(r.render()));
        List<String> hookLines = new ArrayList<>(hooks.stream().map(Hook::saved).toList());
        hookLines.sort(null);
        return List.of(byChain, hookLines);
    }
}
