package io.edgebus.gateway.network.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Namespaces gw, lan1, lan2 and upstream with a unique prefix per run. gw bridges lan1 and lan2 on
 * "lan0" and reaches upstream over "up0". Nothing is created in the host's own namespace.
 */
final class NetnsLab implements AutoCloseable {

    static final String LAN2_MAC = "02:eb:00:00:00:02";
    final String gw;
    final String lan1;
    final String lan2;
    final String up;
    final Path dir;
    private final List<Process> processes = new ArrayList<>();

    NetnsLab() throws Exception {
        String prefix = "eb" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        gw = prefix + "-gw";
        lan1 = prefix + "-lan1";
        lan2 = prefix + "-lan2";
        up = prefix + "-up";
        dir = Files.createTempDirectory("ebnet");
        try {
            build();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void build() {
        for (String ns : List.of(gw, lan1, lan2, up)) {
            sh("ip", "netns", "add", ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh("ip", "-n", gw, "link", "add", "lan0", "type", "bridge");
        sh("ip", "-n", gw, "link", "set", "lan0", "up");
        for (String[] pair : new String[][] {{lan1, "p1"}, {lan2, "p2"}}) {
            sh("ip", "-n", gw, "link", "add", pair[1], "type", "veth", "peer", "name", "eth0", "netns", pair[0]);
            sh("ip", "-n", gw, "link", "set", pair[1], "master", "lan0", "up");
            sh("ip", "-n", pair[0], "link", "set", "eth0", "up");
        }
        sh("ip", "-n", lan2, "link", "set", "eth0", "address", LAN2_MAC);
        sh("ip", "-n", gw, "link", "add", "up0", "type", "veth", "peer", "name", "eth0", "netns", up);
        sh("ip", "-n", gw, "addr", "add", "10.201.0.2/24", "dev", "up0");
        sh("ip", "-n", gw, "link", "set", "up0", "up");
        sh("ip", "-n", up, "addr", "add", "10.201.0.1/24", "dev", "eth0");
        sh("ip", "-n", up, "link", "set", "eth0", "up");
        // Lets upstream *try* to reach the LAN directly; only our DROP rule may stop it.
        sh("ip", "-n", up, "route", "add", "10.202.0.0/24", "via", "10.201.0.2");
    }

    CommandRunner runnerIn(String ns) {
        return new ProcessCommandRunner(List.of("ip", "netns", "exec", ns));
    }

    static boolean available() {
        try {
            return new ProcessBuilder("ip", "netns", "list").start().waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs a command in ns and fails the test if it fails. */
    String exec(String ns, String... argv) {
        List<String> full = new ArrayList<>(List.of(argv));
        CommandRunner.Result r = runnerIn(ns).run(full, "");
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", argv) + " in " + ns + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** Non-comment iptables-save lines with counters zeroed: comparable before/after. */
    List<String> save() {
        return exec(gw, "iptables-save").lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]")).toList();
    }

    List<String> foreignLines() {
        return save().stream().filter(l -> !l.contains("EDGEBUS")).toList();
    }

    /** Gets an address with dhclient (bounded by its timeout) and returns the IPv4 address of eth0. */
    String dhcp(String ns) throws Exception {
        Path conf = dir.resolve(ns + ".dhclient.conf");
        // Ask only for address and router, so dhclient-script never rewrites resolv.conf.
        Files.writeString(conf, "timeout 20;\nretry 1;\nrequest subnet-mask, broadcast-address, routers;\n");
        exec(ns, "dhclient", "-1", "-cf", conf.toString(), "-pf", dir.resolve(ns + ".pid").toString(),
                "-lf", dir.resolve(ns + ".leases").toString(), "eth0");
        String out = exec(ns, "ip", "-4", "-o", "addr", "show", "dev", "eth0");
        return out.replaceAll("(?s).*inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/.*", "$1");
    }

    Process start(String ns, String... argv) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(argv));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Output of a TCP connect from ns to host:port, or null when it does not connect in 3 s. */
    String connect(String ns, String host, int port) {
        CommandRunner.Result r = runnerIn(ns).run(List.of("socat", "-T", "3", "-", "TCP:" + host + ":" + port + ",connect-timeout=3"), "");
        return r.ok() ? r.stdout().strip() : null;
    }

    @Override
    public void close() throws Exception {
        processes.forEach(Process::destroyForcibly);
        // Everything left in our namespaces (dnsmasq, dhclient, socat) was started by this test.
        for (String ns : List.of(gw, lan1, lan2, up)) {
            CommandRunner.Result pids = new ProcessCommandRunner(List.of()).run(List.of("ip", "netns", "pids", ns), "");
            for (String pid : pids.stdout().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    new ProcessCommandRunner(List.of()).run(List.of("kill", "-9", pid), "");
                }
            }
            new ProcessCommandRunner(List.of()).run(List.of("ip", "netns", "del", ns), "");
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static void sh(String... argv) {
        CommandRunner.Result r = new ProcessCommandRunner(List.of()).run(List.of(argv), "");
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + r.stderr());
        }
    }
}
