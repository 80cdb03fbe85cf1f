package io.edgebus.itest;

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

/**
 * Sales instances as real runtimes: {@code java -jar sales-distro/target/sales.jar} with the distro's
 * sales profile in deploy/, each in its own working directory, the way sales-distro/bin/role starts
 * them; this run's names come in as the profile's system properties, its schema as the environment.
 */
final class SalesProcesses implements AutoCloseable {
    /** The reactor builds sales-distro before this module; failsafe runs in the module's directory. */
    static final Path DISTRO = Path.of(System.getProperty("edgebus.sales.distro", "../../sales-distro"));
    /** bin/runtime's default flags: the drill runs the runtime as the booth runs it. */
    private static final List<String> JVM_FLAGS = List.of("-Xss256k", "-Xms24m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m");

    private final BoothShop shop;
    private final Path root;
    private final Process[] processes;

    SalesProcesses(BoothShop shop, Path root, int instances) throws IOException {
        this.shop = shop;
        this.root = root;
        this.processes = new Process[instances + 1];
        Path jar = DISTRO.resolve("target/sales.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: build it with mvn install -pl sales-distro -am");
        }
        for (int n = 1; n <= instances; n++) {
            Path deploy = Files.createDirectories(dir(n).resolve("deploy"));
            try (DirectoryStream<Path> profile = Files.newDirectoryStream(DISTRO.resolve("profiles/sales"), "*.config")) {
                for (Path config : profile) {
                    // The terminal UI's demo slowness (0.1 s per message at its lowest) is not under test here.
                    if (!config.getFileName().toString().startsWith("io.edgebus.booth.controls")) {
                        Files.copy(config, deploy.resolve(config.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    Path dir(int n) {
        return root.resolve("sales-" + n);
    }

    Path log(int n) {
        return dir(n).resolve("sales.log");
    }

    /** Starts instance n (again): same working directory, the log appended to. */
    synchronized void start(int n) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-Dedgebus.booth.instance=" + n, "-Dedgebus.booth.sales=" + shop.sales,
                "-Dedgebus.booth.errors=" + shop.errors, "-Dedgebus.booth.raffleCampaign=" + BoothShop.RAFFLE,
                "-Dedgebus.booth.audit=" + shop.audit, "-Dedgebus.booth.sagaAudit=" + shop.sagaAudit,
                "-Dedgebus.booth.display=false", "-Dedgebus.booth.keyboard=false",
                "-Dfelix.fileinstall.enableConfigSave=false", // as bin/role: the profile is a template
                "-Dorg.osgi.service.http.port=" + freePort(),
                "-jar", DISTRO.resolve("target/sales.jar").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir(n).toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(n).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("EDGEBUS_PG_SCHEMA", shop.schema);
        env.put("EDGEBUS_RABBITMQ_VHOST", shop.vhost);
        processes[n] = builder.start();
    }

    /** kill -9 (SIGKILL: no shutdown hook, no clean close) and waits until it is gone. */
    synchronized void kill(int n) throws InterruptedException {
        Process p = processes[n];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** How many times the Sales endpoint of instance n reported RUNNING in its log, across restarts. */
    int runningReports(int n) {
        try {
            String marker = "endpoint " + shop.sales + " (";
            return (int) Files.readAllLines(log(n)).stream()
                    .filter(l -> l.contains(marker) && l.endsWith("is RUNNING")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Always from a finally: SIGKILL, so no child outlives the test whatever state it is in. */
    @Override
    public synchronized void close() throws InterruptedException {
        for (int n = 1; n < processes.length; n++) {
            kill(n);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
