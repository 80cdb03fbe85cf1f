package io.edgebus.benchmarks.shop;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Booth roles as {@code sales.jar} processes with the distro's profiles, as {@code bin/role} starts
 * them, in a virtual host and schema of the run's own. The controls' demo slowness (0.1 s per message
 * at its lowest) is left out: it is a show, not the shop.
 */
final class ShopRoles implements AutoCloseable {
    private final Path salesJar;
    private final Path profiles;
    private final Path work;
    private final String jvmFlags;
    private final Map<String, String> env;
    private final List<Process> processes = new ArrayList<>();

    ShopRoles(Path salesJar, Path profiles, Path work, String jvmFlags, Map<String, String> env) {
        this.salesJar = salesJar;
        this.profiles = profiles;
        this.work = work;
        this.jvmFlags = jvmFlags;
        this.env = env;
    }

    void start(String role, int instance, List<String> properties) throws IOException {
        Path dir = Files.createDirectories(work.resolve(role + "-" + instance));
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(profiles.resolve(role), "*.config")) {
            for (Path config : configs) {
                if (!config.getFileName().toString().startsWith("io.edgebus.booth.controls")) {
                    Files.copy(config, deploy.resolve(config.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : jvmFlags.trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                command.add(flag);
            }
        }
        command.add("-Dedgebus.booth.instance=" + instance);
        command.add("-Dfelix.fileinstall.enableConfigSave=false");
        command.add("-Dorg.osgi.service.http.port=" + freePort());
        command.addAll(properties);
        command.addAll(List.of("-jar", salesJar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    boolean allAlive() {
        return processes.stream().allMatch(Process::isAlive);
    }

    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy); // SIGTERM: each runtime stops its framework
        for (Process p : processes) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
