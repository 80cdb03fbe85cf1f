package io.edgebus.gateway.network.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands with ProcessBuilder, optionally behind a fixed prefix such as "ip netns exec gw". */
public final class ProcessCommandRunner implements CommandRunner {

    private static final long TIMEOUT_SECONDS = 20;
    private final List<String> prefix;

    public ProcessCommandRunner(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        try {
            Process p = new ProcessBuilder(full).start();
            // Read both streams concurrently so a chatty command cannot block on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", String.join(" ", full) + ": timed out");
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Result(-1, "", String.join(" ", full) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        } catch (Exception e) {
            return new Result(-1, "", String.join(" ", full) + ": " + e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
