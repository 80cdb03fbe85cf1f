package io.edgebus.distro.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A distro's runnable jar started as its own process, as an operator would: {@code java -jar <distro>.jar} in an
 * empty working directory, output captured in {@code out.log} there.
 */
public final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final long startNanos;

    private RuntimeProcess(Process process, Path workDir, Path log, int port, long startNanos) {
        this.process = process;
        this.workDir = workDir;
        this.log = log;
        this.port = port;
        this.startNanos = startNanos;
    }

    public static RuntimeProcess start(Path jar, Path workDir, Map<String, String> env, String... systemProperties)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dorg.osgi.service.http.port=" + port);
        command.addAll(List.of(systemProperties));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = workDir.resolve("out.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("EDGEBUS_CONSOLE_PASSWORD");
        builder.environment().putAll(env);
        long startNanos = System.nanoTime();
        return new RuntimeProcess(builder.start(), workDir, log, port, startNanos);
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    public long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    public List<String> output() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an output line matching {@code wanted}; fails with the whole output if none comes in time. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = output().stream().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("runtime exited with " + process.exitValue() + ":\n" + String.join("\n", output()));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line within " + timeout + ":\n" + String.join("\n", output()));
    }

    /** Resident memory of the process in kB, from /proc (Linux). */
    public long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** Sends SIGTERM (Process.destroy on Unix) and returns the exit code, or empty if it did not exit in time. */
    public Optional<Integer> terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.of(process.exitValue());
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
