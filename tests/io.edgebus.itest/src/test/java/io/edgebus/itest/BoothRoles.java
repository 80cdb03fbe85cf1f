package io.edgebus.itest;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Booth roles started with {@code sales-distro/bin/role}, exactly as ./booth starts them (without
 * tmux: no terminal UI, no keys), under {@code home}, each with its own free console and metrics port.
 */
final class BoothRoles implements AutoCloseable {
    private static final Path ROLE = SalesProcesses.DISTRO.resolve("bin/role");
    private final Path home;
    private final Map<String, String> env;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    BoothRoles(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    /** {@code role} as bin/role takes it: "sales 1", "client", "billing", ... */
    void start(String role) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(ROLE.toAbsolutePath().toString()));
        command.addAll(List.of(role.split(" ")));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output(role).toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        b.environment().keySet().removeIf(k -> k.startsWith("EDGEBUS_"));
        b.environment().putAll(env);
        b.environment().put("EDGEBUS_HOME", home.toString());
        b.environment().put("EDGEBUS_HTTP_PORT", Integer.toString(freePort()));
        b.environment().put("EDGEBUS_PROMETHEUS_PORT", Integer.toString(freePort()));
        b.environment().put("EDGEBUS_PROPS", "-Dedgebus.booth.display=false -Dedgebus.booth.keyboard=false");
        processes.put(role, b.start());
    }

    Path output(String role) {
        return home.resolve(role.replace(' ', '-') + ".out");
    }

    /**
     * Its log: Sales, Billing, Shipping and Raffle log to a file (their terminal UI owns stdout),
     * ClientUI and the bridge to stdout (bin/role).
     */
    String log(String role) {
        String dir = role.contains(" ") ? role.replace(' ', '-') : role + "-1";
        Path p = role.equals("client") || role.equals("bridge") ? output(role)
                : home.resolve("run/booth/" + dir + "/log/edgebus.log");
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    boolean running(String role, String endpoint) {
        return log(role).lines().anyMatch(l -> l.contains("endpoint " + endpoint + " (") && l.endsWith("is RUNNING"));
    }

    /** SIGTERM, as ./booth stop; true if it ended in time. */
    boolean stop(String role, int seconds) throws InterruptedException {
        Process p = processes.get(role);
        p.destroy();
        return p.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGTERM to all at once, then waits for each; the roles that did not end in time. */
    List<String> stopAll(int seconds) throws InterruptedException {
        processes.values().forEach(Process::destroy);
        List<String> left = new java.util.ArrayList<>();
        for (var e : processes.entrySet()) {
            if (!e.getValue().waitFor(seconds, TimeUnit.SECONDS)) {
                left.add(e.getKey());
            }
        }
        return left;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroyForcibly);
    }

    /** The settings local-services wrote to {@code <run>/services.env} for the roles, once it is ready. */
    static Map<String, String> servicesEnv(Path run, Process launcher, Path launcherOutput) throws Exception {
        Path env = run.resolve("services.env");
        HotDeployIT.await("local-services ready", 120, () -> Files.exists(env) || !launcher.isAlive());
        if (!Files.exists(env)) {
            throw new AssertionError("local-services ended: " + Files.readString(launcherOutput));
        }
        Map<String, String> settings = new java.util.HashMap<>();
        for (String line : Files.readAllLines(env)) {
            if (line.startsWith("export ")) {
                String kv = line.substring(7);
                settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 2, kv.length() - 1));
            }
        }
        return settings;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
