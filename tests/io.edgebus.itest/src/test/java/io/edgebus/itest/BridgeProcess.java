package io.edgebus.itest;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge as its own runtime, {@code java -jar gateway-distro/target/gateway.jar}, configured by
 * files in its deploy/ directory the way an installed gateway is: the two transports, the bridge and
 * the Prometheus endpoint (on {@link #metricsPort}).
 * Killed with SIGKILL and started again on the same directory (its deduplication file included).
 */
final class BridgeProcess implements AutoCloseable {
    static final Path DISTRO = Path.of(System.getProperty("edgebus.gateway.distro", "../../gateway-distro"));

    private final Path dir;
    final int metricsPort;
    private Process process;

    BridgeProcess(BoothShop shop, Path dir) throws IOException {
        this.dir = dir;
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(deploy.resolve("io.edgebus.transport.rabbitmq-booth.config"), config(Map.of("transport.name", "booth",
                "host", "localhost", "virtualHost", shop.vhost, "username", "guest", ".password", "guest")));
        Files.writeString(deploy.resolve("io.edgebus.transport.asb-booth.config"), config(Map.of("transport.name", "booth-asb",
                "brokerUri", shop.artemis.uri(), "recoveryMaxDelayMs", 2_000L)));
        Files.writeString(deploy.resolve("io.edgebus.bridge-booth.config"), config(shop.bridgeConfig(Map.of(
                "dedupDirectory", dir.resolve("dedup").toAbsolutePath().toString()))));
        metricsPort = freePort();
        Files.writeString(deploy.resolve("io.edgebus.monitoring.prometheus.config"), config(Map.of("port", metricsPort,
                "bindAddress", "127.0.0.1")));
    }

    Path log() {
        return dir.resolve("gateway.log");
    }

    synchronized void start() throws IOException {
        Path jar = DISTRO.resolve("target/gateway.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: build it with mvn package -pl gateway-distro -am");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dfelix.fileinstall.enableConfigSave=false", "-Dorg.osgi.service.http.port=" + freePort(),
                "-jar", jar.toAbsolutePath().toString()));
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** SIGKILL: no shutdown hook, nothing settled or closed. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The bridge's metrics report lines in its log so far (none while there is no log yet). */
    List<String> reports() {
        try {
            return Files.readAllLines(log()).stream().filter(l -> l.contains("internal.Bridge") && l.contains(" -> ")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Felix FileInstall's .config format: strings quoted, numbers typed, arrays in brackets. */
    static String config(Map<String, Object> properties) {
        StringBuilder out = new StringBuilder();
        properties.forEach((k, v) -> {
            out.append(k).append('=');
            if (v instanceof String[] values) {
                out.append('[');
                for (int i = 0; i < values.length; i++) {
                    out.append(i > 0 ? "," : "").append(quote(values[i]));
                }
                out.append(']');
            } else if (v instanceof Integer i) {
                out.append("I\"").append(i).append('"');
            } else if (v instanceof Long l) {
                out.append("L\"").append(l).append('"');
            } else {
                out.append(quote(String.valueOf(v)));
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
