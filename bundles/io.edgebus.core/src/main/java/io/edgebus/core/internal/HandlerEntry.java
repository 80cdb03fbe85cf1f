package io.edgebus.core.internal;

import io.edgebus.api.MessageHandler;
import java.time.Duration;

/** One registered handler, with a count of its running invocations so removal can wait for them. */
final class HandlerEntry {
    private final MessageHandler<?> handler;
    private final Class<?> type;
    private final String wireName;
    private int running;
    private boolean retired;

    HandlerEntry(MessageHandler<?> handler, Class<?> type, String wireName) {
        this.handler = handler;
        this.type = type;
        this.wireName = wireName;
    }

    MessageHandler<?> handler() {
        return handler;
    }

    Class<?> type() {
        return type;
    }

    String wireName() {
        return wireName;
    }

    /** Starts an invocation; false when the handler is being removed. */
    synchronized boolean enter() {
        if (retired) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    synchronized void retire() {
        retired = true;
    }

    /** Waits until no invocation runs; returns how many still run when the timeout passed. */
    synchronized int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return running;
    }
}
