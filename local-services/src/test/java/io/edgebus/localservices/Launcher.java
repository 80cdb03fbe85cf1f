package io.edgebus.localservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** LocalServices as ./booth runs it: its own JVM, output (stdout and stderr) captured in one file. */
final class Launcher implements AutoCloseable {
    final Path dir;
    final Path output;
    private final Process process;

    Launcher(Path dir, String... extraArgs) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.output = dir.resolveSibling(dir.getFileName() + "-launcher-" + System.nanoTime() + ".out");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Stricter than the default: the broker at info, zonky at debug (it logs the commands it runs).
                "-Dorg.slf4j.simpleLogger.log.org.apache.activemq=info", "-Dorg.slf4j.simpleLogger.log.io.zonky=debug",
                "-cp", System.getProperty("java.class.path"), LocalServices.class.getName(), "--dir", dir.toString()));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** The settings it wrote for the booth, once it wrote them. */
    Map<String, String> awaitSettings(Duration timeout) throws Exception {
        Path env = dir.resolve(LocalServices.ENV_FILE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(env)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + env + "; launcher output:\n" + output());
            }
            Thread.sleep(100);
        }
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            if (line.startsWith("export ")) {
                String kv = line.substring("export ".length());
                int eq = kv.indexOf('=');
                settings.put(kv.substring(0, eq), kv.substring(eq + 2, kv.length() - 1)); // strip the '...'
            }
        }
        return settings;
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** SIGTERM; the exit code, or -1 if it did not end in time. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM first, so a failed test leaves no PostgreSQL behind; SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
