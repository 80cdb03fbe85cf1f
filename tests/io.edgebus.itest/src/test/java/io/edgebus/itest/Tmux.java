package io.edgebus.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A detached tmux session driven like a person at the keyboard: send-keys in, capture-pane out. */
final class Tmux implements AutoCloseable {
    private final String session;

    Tmux(String session) {
        this.session = session;
    }

    /** Opens the session (first pane) or a new pane below, running {@code command}; returns the pane id. */
    String pane(Map<String, String> env, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of("tmux"));
        boolean first = !exists();
        args.addAll(first ? List.of("new-session", "-d", "-s", session, "-x", "200", "-y", "90")
                : List.of("split-window", "-t", session));
        args.addAll(List.of("-P", "-F", "#{pane_id}"));
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(command);
        String pane = run(args, false).trim();
        if (first) {
            run(List.of("tmux", "set-option", "-t", session, "remain-on-exit", "on"), false);
        }
        run(List.of("tmux", "select-layout", "-t", session, "even-vertical"), false);
        return pane;
    }

    private boolean exists() throws Exception {
        return new ProcessBuilder("tmux", "has-session", "-t", session).start().waitFor() == 0;
    }

    /** Types {@code keys} literally into the pane. */
    void type(String pane, String keys) throws Exception {
        run(List.of("tmux", "send-keys", "-t", pane, "-l", keys), false);
    }

    String screen(String pane) throws Exception {
        return run(List.of("tmux", "capture-pane", "-p", "-t", pane), false);
    }

    /** Waits until the pane's screen matches; fails with the screen as it was. */
    String await(String pane, String what, int seconds, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = screen(pane);
        while (!wanted.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pane " + pane + ": no " + what + " within " + seconds + " s; screen:\n" + screen);
            }
            Thread.sleep(100);
            screen = screen(pane);
        }
        return screen;
    }

    @Override
    public void close() throws Exception {
        // SIGHUP to every pane's processes: the runtimes stop their frameworks.
        run(List.of("tmux", "kill-session", "-t", session), true);
    }

    private static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || (p.exitValue() != 0 && !mayFail)) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
