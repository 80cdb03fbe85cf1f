package io.edgebus.booth.controls.internal;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Redraws the screen on its own thread when it changed, a few times a second: pipeline threads
 * only update the board, so a slow terminal never slows message processing.
 */
final class TerminalRenderer {
    static final long FRAME_MILLIS = 200;

    private final Supplier<String> screen;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;
    private String shown;

    TerminalRenderer(Supplier<String> screen, PrintStream out, String threadName) {
        this.screen = screen;
        this.out = out;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Draws the screen if it changed; returns whether it drew. */
    boolean drawIfChanged() {
        String next = screen.get();
        if (next.equals(shown)) {
            return false;
        }
        out.print(next);
        out.flush();
        shown = next;
        return true;
    }

    private void run() {
        while (running) {
            try {
                drawIfChanged();
                Thread.sleep(FRAME_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A rendering slip must not end the display; the next frame tries again.
            }
        }
    }
}
