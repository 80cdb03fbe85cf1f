package io.edgebus.booth.controls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads keys from a stream (stdin) on its own daemon thread and hands them on as they come.
 *
 * <p>It polls {@link InputStream#available()} instead of blocking in {@code read}, because a
 * thread blocked on stdin cannot be interrupted: a stopped component would leave it behind, still
 * eating keys. Idle it wakes every {@value #POLL_MILLIS} ms; at end of input (a read returns -1)
 * or a closed stream it ends for good, so an absent stdin costs nothing. The terminal must be in
 * raw mode ({@code stty -icanon -echo}) for single key presses; otherwise keys arrive per line.
 */
public final class KeyboardReader {
    static final long POLL_MILLIS = 50;

    private final InputStream in;
    private final Consumer<String> keys;
    private final Thread thread;
    private volatile boolean running = true;

    public KeyboardReader(InputStream in, Consumer<String> keys, String threadName) {
        this.in = in;
        this.keys = keys;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the thread and waits for it. */
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        byte[] buffer = new byte[64];
        try {
            while (running) {
                int available = in.available();
                if (available <= 0) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n < 0) {
                    return;
                }
                try {
                    keys.accept(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    // A bad key handler must not end the keyboard for the rest of the demo.
                }
            }
        } catch (IOException | InterruptedException e) {
            // Closed stdin or stopping: either way there is nothing more to read.
        }
    }
}
