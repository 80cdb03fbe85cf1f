package io.edgebus.gateway.network.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.edgebus.gateway.network.api.DhcpLease;
import io.edgebus.gateway.network.api.DhcpServerState;

/**
 * The bundle's logic without OSGi: render, apply (rules, then DHCP), persist, restore, report.
 * Tests instantiate it directly with a CommandRunner that runs inside a network namespace.
 */
public final class GatewayNetwork {

    private final CommandRunner runner;
    private final IptablesApplier iptables;
    private final DhcpServer dhcp;
    private volatile Settings settings;
    private volatile String appliedHash = "";
    private volatile String lastError = "";

    public GatewayNetwork(CommandRunner runner) {
        this.runner = runner;
        this.iptables = new IptablesApplier(runner);
        this.dhcp = new DhcpServer(runner);
    }

    /** Validates the configuration; on a bad value nothing at all has been touched yet. */
    public synchronized void apply(NetworkConfig config) throws InterruptedException {
        Settings s = Settings.from(config);
        applyRendered(s, FirewallRenderer.render(s));
    }

    /** Package-private so tests can inject a rule set the kernel rejects. */
    synchronized void applyRendered(Settings s, RuleSet rules) throws InterruptedException {
        String dhcpConfig = DnsmasqRenderer.render(s);
        try {
            if (s.dryRun()) {
                write(s.rulesFile(), rules.render());
                write(s.dhcpConfigFile(), dhcpConfig);
            } else {
                applyRules(s, rules);
                write(s.rulesFile(), rules.render());
                applyDhcp(s, dhcpConfig);
                appliedHash = rules.hash();
            }
            settings = s;
            lastError = "";
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** After a reboot: the persisted rule fragment and DHCP config, without needing the configuration. */
    public synchronized void restore(Path rulesFile, Path dhcpConfigFile) throws InterruptedException {
        RuleSet rules = RuleSet.parse(read(rulesFile));
        iptables.apply(rules, this::enableForwarding);
        String config = read(dhcpConfigFile);
        // A server still running from before would hold port 67 and make the new one fail.
        config.lines().filter(l -> l.startsWith("pid-file=")).findFirst()
                .ifPresent(l -> stopQuietly(Path.of(l.substring("pid-file=".length()))));
        dhcp.start(dhcpConfigFile);
        appliedHash = rules.hash();
    }

    private void stopQuietly(Path pidFile) {
        try {
            dhcp.stop(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void applyRules(Settings s, RuleSet rules) {
        // The LAN address is idempotent (replace) and needed by DHCP; it is not part of the rollback.
        must(List.of("ip", "link", "set", "dev", s.lan(), "up"));
        must(List.of("ip", "addr", "replace", s.gateway() + "/" + s.prefix(), "dev", s.lan()));
        iptables.apply(rules, this::enableForwarding);
    }

    private void enableForwarding() {
        must(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
    }

    private void applyDhcp(Settings s, String config) throws InterruptedException {
        Path file = s.dhcpConfigFile();
        Path candidate = file.resolveSibling(file.getFileName() + ".new");
        write(candidate, config);
        dhcp.check(candidate);
        createDirectories(s.persistenceDir());
        String previous = Files.exists(file) ? read(file) : null;
        dhcp.stop(DnsmasqRenderer.pidFile(s));
        move(candidate, file);
        try {
            dhcp.start(file);
        } catch (RuntimeException e) {
            if (previous != null) {
                write(file, previous);
                dhcp.start(file);
            }
            throw e;
        }
    }

    public String appliedHash() {
        return appliedHash;
    }

    public String lastError() {
        return lastError;
    }

    public boolean dryRun() {
        Settings s = settings;
        return s != null && s.dryRun();
    }

    public DhcpServerState dhcpState() {
        Settings s = settings;
        return s == null || s.dryRun() ? new DhcpServerState(false, 0) : dhcp.state(DnsmasqRenderer.pidFile(s));
    }

    public List<DhcpLease> leases() {
        Settings s = settings;
        Path file = s == null ? null : DnsmasqRenderer.leaseFile(s);
        return file == null || !Files.exists(file) ? List.of() : LeaseFile.parse(read(file));
    }

    /** Stops the DHCP server this instance started (tests; the component leaves it serving the LAN). */
    public void stopDhcp() throws InterruptedException {
        Settings s = settings;
        if (s != null) {
            dhcp.stop(DnsmasqRenderer.pidFile(s));
        }
    }

    private void must(List<String> argv) {
        CommandRunner.Result r = runner.run(argv, "");
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.stderr().strip());
        }
    }

    /** Write to a sibling and rename, so a crash never leaves a half-written file for the next boot. */
    static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        move(tmp, file);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + to, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
