package io.edgebus.transport.rabbitmq;

import io.edgebus.transport.support.EndpointThreads;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fails asynchronous dispatches the broker did not confirm within the confirm timeout (nobody waits
 * on them with a timeout, so without this a silent broker would leave their messages unsettled).
 * One sweeper thread per endpoint, started with the first asynchronous dispatch, from the
 * endpoint's thread factory so close() can prove it ended.
 */
final class ConfirmDeadlines {
    private static final class Pending {
        final CompletableFuture<Void> result;
        final List<ConfirmChannel.Confirmation> confirmations;
        final long deadlineNanos;

        Pending(CompletableFuture<Void> result, List<ConfirmChannel.Confirmation> confirmations, long deadlineNanos) {
            this.result = result;
            this.confirmations = confirmations;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private final EndpointThreads threads;
    private final String connectionName;
    private final Duration timeout;
    private ScheduledExecutorService sweeper; // guarded by this
    private boolean closed; // guarded by this

    ConfirmDeadlines(EndpointThreads threads, String connectionName, Duration timeout) {
        this.threads = threads;
        this.connectionName = connectionName;
        this.timeout = timeout;
    }

    /** Fails {@code result} at {@code deadlineNanos} unless it completed before. */
    void track(CompletableFuture<Void> result, List<ConfirmChannel.Confirmation> confirmations, long deadlineNanos) {
        Pending entry = new Pending(result, confirmations, deadlineNanos);
        pending.add(entry);
        result.whenComplete((ok, failure) -> pending.remove(entry));
        startSweeper();
    }

    private synchronized void startSweeper() {
        if (sweeper != null || closed) {
            return;
        }
        long period = Math.min(1_000, Math.max(20, timeout.toMillis() / 10));
        sweeper = Executors.newSingleThreadScheduledExecutor(threads.factory("confirm-deadlines"));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Pending entry : pending) {
            if (now - entry.deadlineNanos >= 0) {
                entry.confirmations.forEach(ConfirmChannel.Confirmation::forget);
                entry.result.completeExceptionally(new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, connectionName
                        + ": the broker did not confirm within " + timeout.toMillis() + " ms"));
            }
        }
    }

    /** Stops the sweeper; what still waits fails as STOPPED. */
    void close() {
        synchronized (this) {
            closed = true;
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
        }
        for (Pending entry : pending) {
            entry.result.completeExceptionally(
                    new EdgeBusException(Code.STOPPED, connectionName + " closed before the broker confirmed"));
        }
    }
}
