package io.edgebus.gateway.network.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration after validation. Everything that reaches a rule, a config file or an argv
 * passes through here, so renderers can trust the values; a bad value fails naming its field.
 */
record Settings(String uplink, String lan, String gateway, int prefix, String network, String netmask,
        String rangeStart, String rangeEnd, int leaseSeconds, List<StaticLease> staticLeases,
        List<String> dnsServers, List<Integer> allowedPorts, boolean dryRun,
        Path rulesFile, Path dhcpConfigFile, Path persistenceDir) {

    private static final Pattern IFACE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    // Paths end up in dnsmasq's line-based config: no spaces, newlines or other surprises.
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./-]{0,254}");

    static Settings from(NetworkConfig c) {
        String uplink = iface("uplinkInterface", c.uplinkInterface());
        String lan = iface("lanInterface", c.lanInterface());
        if (uplink.equals(lan)) {
            throw new IllegalArgumentException("lanInterface: must differ from uplinkInterface '" + uplink + "'");
        }
        String cidr = c.lanAddress() == null ? "" : c.lanAddress();
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("lanAddress: expected address/prefix, got '" + cidr + "'");
        }
        long gw = Ipv4.parse("lanAddress", cidr.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lanAddress: bad prefix in '" + cidr + "'");
        }
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("lanAddress: prefix must be 8..30, got " + prefix);
        }
        long mask = Ipv4.mask(prefix);
        long net = gw & mask;
        long broadcast = net | (~mask & 0xFFFFFFFFL);
        if (gw == net || gw == broadcast) {
            throw new IllegalArgumentException("lanAddress: " + cidr + " is the network or broadcast address");
        }
        Subnet subnet = new Subnet(net, mask, broadcast, gw);
        long start = subnet.host("dhcpRangeStart", c.dhcpRangeStart());
        long end = subnet.host("dhcpRangeEnd", c.dhcpRangeEnd());
        if (start > end) {
            throw new IllegalArgumentException("dhcpRangeEnd: " + c.dhcpRangeEnd() + " is before dhcpRangeStart " + c.dhcpRangeStart());
        }
        if (gw >= start && gw <= end) {
            throw new IllegalArgumentException("dhcpRangeStart: range contains the gateway address " + Ipv4.format(gw));
        }
        if (c.leaseTimeSeconds() < 120) {
            throw new IllegalArgumentException("leaseTimeSeconds: must be at least 120, got " + c.leaseTimeSeconds());
        }
        return new Settings(uplink, lan, Ipv4.format(gw), prefix, Ipv4.format(net), Ipv4.format(mask),
                Ipv4.format(start), Ipv4.format(end), c.leaseTimeSeconds(),
                staticLeases(c.staticLeases(), subnet, start, end), dnsServers(c.dnsServers()),
                ports(c.allowedInboundPorts()), c.dryRun(), path("rulesFile", c.rulesFile()),
                path("dhcpConfigFile", c.dhcpConfigFile()), path("persistenceDir", c.persistenceDir()));
    }

    private record Subnet(long net, long mask, long broadcast, long gateway) {
        long host(String field, String text) {
            long a = Ipv4.parse(field, text);
            if ((a & mask) != net || a == net || a == broadcast) {
                throw new IllegalArgumentException(field + ": " + text + " is not a host address in "
                        + Ipv4.format(net) + "/" + Long.bitCount(mask));
            }
            if (a == gateway) {
                throw new IllegalArgumentException(field + ": " + text + " is the gateway address");
            }
            return a;
        }
    }

    private static String iface(String field, String name) {
        if (name == null || !IFACE.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ": not an interface name ([a-zA-Z0-9_.-]{1,15}): '" + name + "'");
        }
        return name;
    }

    private static List<StaticLease> staticLeases(String[] entries, Subnet subnet, long start, long end) {
        List<StaticLease> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries == null ? new String[0] : entries) {
            String field = "staticLeases['" + entry + "']";
            String[] parts = entry == null ? new String[0] : entry.split(",", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException(field + ": expected 'mac,ip' or 'mac,ip,name'");
            }
            String mac = parts[0].trim().toLowerCase();
            if (!MAC.matcher(mac).matches()) {
                throw new IllegalArgumentException(field + ": bad MAC address '" + parts[0].trim() + "'");
            }
            long ip = subnet.host(field, parts[1].trim());
            if (ip >= start && ip <= end) {
                throw new IllegalArgumentException(field + ": " + parts[1].trim() + " lies inside the dynamic DHCP range");
            }
            String name = parts.length == 3 ? parts[2].trim() : "";
            if (!name.isEmpty() && !HOST.matcher(name).matches()) {
                throw new IllegalArgumentException(field + ": bad host name '" + name + "'");
            }
            String ipText = Ipv4.format(ip);
            if (!seen.add("mac " + mac) || !seen.add("ip " + ipText) || (!name.isEmpty() && !seen.add("name " + name))) {
                throw new IllegalArgumentException(field + ": duplicate MAC, address or name");
            }
            out.add(new StaticLease(mac, ipText, name));
        }
        return List.copyOf(out);
    }

    private static List<String> dnsServers(String[] servers) {
        List<String> out = new ArrayList<>();
        for (String s : servers == null ? new String[0] : servers) {
            String ip = Ipv4.format(Ipv4.parse("dnsServers", s == null ? null : s.trim()));
            if (out.contains(ip)) {
                throw new IllegalArgumentException("dnsServers: duplicate " + ip);
            }
            out.add(ip);
        }
        return List.copyOf(out);
    }

    private static List<Integer> ports(int[] ports) {
        List<Integer> out = new ArrayList<>();
        for (int p : ports == null ? new int[0] : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("allowedInboundPorts: " + p + " is not in 1..65535");
            }
            if (out.contains(p)) {
                throw new IllegalArgumentException("allowedInboundPorts: duplicate " + p);
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    private static Path path(String field, String text) {
        if (text == null || !PATH.matcher(text).matches() || text.contains("..")) {
            throw new IllegalArgumentException(field + ": must be an absolute path of [A-Za-z0-9_./-], got '" + text + "'");
        }
        return Path.of(text);
    }
}
