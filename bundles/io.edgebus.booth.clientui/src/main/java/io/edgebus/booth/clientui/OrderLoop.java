package io.edgebus.booth.clientui;

import io.edgebus.booth.controls.Control;
import io.edgebus.booth.controls.ControlParser;
import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.ParseResult;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sending thread (F16): batches spread evenly over their seconds at the current rate, manual
 * sends (b) in between. All sends happen on this one thread, so a slow broker confirm delays the
 * next order instead of piling up threads, and stopping it stops everything.
 */
final class OrderLoop {
    private final BatchPlanner planner;
    private final OrderSender sender;
    private final Consumer<String> screen;
    private final LinkedBlockingQueue<Boolean> manualPresses = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile ControlValues values;
    private volatile boolean running = true;

    OrderLoop(BatchPlanner planner, OrderSender sender, ControlValues initial, Consumer<String> screen, String threadName) {
        this.planner = planner;
        this.sender = sender;
        this.values = initial;
        this.screen = screen;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for it; an order being confirmed is abandoned. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    ControlValues values() {
        return values;
    }

    /** Keys from the keyboard; {@code b} queues one order for this thread. */
    synchronized ParseResult keys(String keys) {
        ParseResult result = ControlParser.apply(ControlProfile.CLIENT, values, keys);
        values = result.values();
        result.actions().stream().filter(a -> a == Control.MANUAL_SEND).forEach(a -> manualPresses.add(Boolean.TRUE));
        screen.accept(ClientView.controls(values, result.notes()));
        return result;
    }

    private void run() {
        try {
            while (running) {
                int rate = values.rate();
                if (rate == 0) {
                    waitAndServePresses(200);
                    continue;
                }
                int size = planner.next(rate, values.noise());
                long batchMillis = planner.seconds() * 1000L;
                if (size == 0) {
                    waitAndServePresses(batchMillis);
                }
                for (int i = 0; i < size && running && values.rate() == rate; i++) {
                    send(false);
                    waitAndServePresses(batchMillis / size);
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts; nothing else does.
        }
    }

    private void waitAndServePresses(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            if (manualPresses.poll(left, TimeUnit.NANOSECONDS) != null) {
                // Rate 0 is manual mode: those orders animate stage by stage downstream.
                send(values.rate() == 0);
            }
        }
    }

    private void send(boolean manual) {
        ControlValues now = values;
        try {
            screen.accept(ClientView.sent(sender.send(now.raffle(), now.duplicates(), manual)));
        } catch (RuntimeException e) {
            screen.accept("send failed: " + e.getMessage());
        }
    }
}
