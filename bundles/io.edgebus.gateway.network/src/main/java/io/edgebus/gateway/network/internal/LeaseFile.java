package io.edgebus.gateway.network.internal;

import java.util.ArrayList;
import java.util.List;

import io.edgebus.gateway.network.api.DhcpLease;

/** Parses dnsmasq's lease file: "expiry mac ip hostname client-id" per line, '*' for unknown. */
final class LeaseFile {

    private LeaseFile() {
    }

    static List<DhcpLease> parse(String text) {
        List<DhcpLease> leases = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 4) {
                continue;
            }
            try {
                long expiry = Long.parseLong(w[0]);
                leases.add(new DhcpLease(expiry, w[1], w[2], w[3].equals("*") ? "" : w[3]));
            } catch (NumberFormatException e) {
                // A line dnsmasq is rewriting or a format we do not know: skip it, keep the rest.
            }
        }
        return leases;
    }
}
