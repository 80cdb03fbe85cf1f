package io.edgebus.gateway.network.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.edgebus.gateway.network.api.DhcpServerState;

/** Starts, stops and checks our own dnsmasq process, found through its pid file. */
final class DhcpServer {

    private static final long STOP_WAIT_MILLIS = 5000;
    private final CommandRunner runner;

    DhcpServer(CommandRunner runner) {
        this.runner = runner;
    }

    /** dnsmasq parses the file without starting, so a bad config never replaces a running server. */
    void check(Path config) {
        CommandRunner.Result r = runner.run(List.of("dnsmasq", "--test", "--conf-file=" + config), "");
        if (!r.ok()) {
            throw new IllegalStateException("dnsmasq rejected " + config + ": " + (r.stderr() + r.stdout()).strip());
        }
    }

    void start(Path config) {
        CommandRunner.Result r = runner.run(List.of("dnsmasq", "--conf-file=" + config), "");
        if (!r.ok()) {
            throw new IllegalStateException("dnsmasq did not start: " + r.stderr().strip());
        }
    }

    void stop(Path pidFile) throws InterruptedException {
        long pid = pid(pidFile);
        if (pid <= 0 || !alive(pid)) {
            return;
        }
        runner.run(List.of("kill", Long.toString(pid)), "");
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (alive(pid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (alive(pid)) {
            runner.run(List.of("kill", "-9", Long.toString(pid)), "");
        }
    }

    DhcpServerState state(Path pidFile) {
        long pid = pid(pidFile);
        boolean running = pid > 0 && alive(pid);
        return new DhcpServerState(running, running ? pid : 0);
    }

    private boolean alive(long pid) {
        return runner.run(List.of("kill", "-0", Long.toString(pid)), "").ok();
    }

    static long pid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
