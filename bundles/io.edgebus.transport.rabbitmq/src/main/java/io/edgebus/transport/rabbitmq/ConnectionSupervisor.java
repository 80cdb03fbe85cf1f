package io.edgebus.transport.rabbitmq;

import io.edgebus.transport.support.EndpointThreads;
import io.edgebus.transport.support.Backoff;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MissedHeartbeatException;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.TransportState;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one endpoint's connection and its state. The amqp-client's automatic recovery only covers
 * connections that once succeeded, so the first connect is retried here, forever, with the same
 * back-off. Everything that reacts to the connection (restoring topology, telling listeners) runs
 * on one control thread, in order, never on the client's I/O thread.
 */
final class ConnectionSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
    private static final int CLOSE_TIMEOUT_MS = 5_000;

    /** Runs on the control thread each time a connection is (re-)established, before CONNECTED. */
    interface ConnectedHook {
        void connected(Connection connection, boolean recovered);
    }

    private final TransportSettings settings;
    private final String connectionName;
    private final Backoff backoff;
    private final ConnectionFactory factory;
    private final ExecutorService control;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Consumer<TransportState>> listeners = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private volatile TransportState state = TransportState.CONNECTING;
    private Connection connection; // guarded by stateLock
    private volatile long lostAtNanos;
    private volatile ConnectedHook hook = (c, recovered) -> { };
    /** Why the broker blocks publishing (a memory or disk alarm), or null. */
    private volatile String blockedBy;

    ConnectionSupervisor(TransportSettings settings, String connectionName, EndpointThreads threads) {
        this.settings = settings;
        this.connectionName = connectionName;
        this.backoff = new Backoff(settings.recoveryInitialDelay(), settings.recoveryMaxDelay());
        this.control = Executors.newSingleThreadExecutor(threads.factory("control"));
        this.factory = BrokerConnections.factory(settings, connectionName, threads.factory("amqp"),
                new ReconnectPacing(connectionName, settings.broker(), backoff, closing));
    }

    /** Starts connecting in the background; returns at once. */
    void start(ConnectedHook onConnected) {
        this.hook = onConnected;
        control.execute(this::connectUntilConnected);
    }

    TransportState state() {
        return state;
    }

    void onStateChange(Consumer<TransportState> listener) {
        listeners.add(listener);
    }

    /** The connection, or null before the first connect succeeded. It may be recovering. */
    Connection connection() {
        synchronized (stateLock) {
            return connection;
        }
    }

    boolean isConnected() {
        return state == TransportState.CONNECTED;
    }

    /**
     * Blocks until CONNECTED and not blocked by a broker resource alarm; TRANSPORT_UNAVAILABLE at
     * the deadline, STOPPED once closed.
     */
    void awaitPublishable(long deadlineNanos) {
        if (state == TransportState.CONNECTED && blockedBy == null) {
            return;
        }
        synchronized (stateLock) {
            while (state != TransportState.CONNECTED || blockedBy != null) {
                if (state == TransportState.CLOSED) {
                    throw new EdgeBusException(Code.STOPPED, connectionName + " is closed");
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, state == TransportState.CONNECTED
                            ? connectionName + ": the broker blocks publishing (" + blockedBy + ")"
                            : connectionName + " is not connected to " + settings.broker() + " (" + state + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(stateLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "interrupted waiting for a connection", e);
                }
            }
        }
    }

    /** Closes the connection and stops the control thread; idempotent. */
    void close() {
        Connection current;
        synchronized (stateLock) {
            if (state == TransportState.CLOSED) {
                return;
            }
            changeState(TransportState.CLOSED);
            current = connection;
        }
        if (current != null) {
            // abort, not close: it never throws, and it marks a recovery in progress as finished
            // before the wake-up below lets the recovery thread look.
            current.abort(AMQP.REPLY_SUCCESS, "endpoint closed", CLOSE_TIMEOUT_MS);
        }
        closing.countDown();
        control.shutdown();
        try {
            if (!control.awaitTermination(settings.connectionTimeout().toMillis() + CLOSE_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            control.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void connectUntilConnected() {
        for (int attempt = 1; closing.getCount() > 0; attempt++) {
            try {
                Connection opened = factory.newConnection(connectionName);
                synchronized (stateLock) {
                    if (state == TransportState.CLOSED) {
                        opened.abort(AMQP.REPLY_SUCCESS, "endpoint closed", CLOSE_TIMEOUT_MS);
                        return;
                    }
                    connection = opened;
                }
                opened.addShutdownListener(this::lost);
                opened.addBlockedListener(new BlockedListener() {
                    @Override
                    public void handleBlocked(String reason) {
                        blockedBy = reason;
                        LOG.warn("{}: the broker blocks publishing: {}", connectionName, reason);
                    }

                    @Override
                    public void handleUnblocked() {
                        unblock();
                        LOG.info("{}: the broker accepts publishing again", connectionName);
                    }
                });
                ((Recoverable) opened).addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recovered) {
                        runOnControlThread(() -> established(opened, true));
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        // State already says RECONNECTING since the connection was lost.
                    }
                });
                established(opened, false);
                return;
            } catch (IOException | TimeoutException | RuntimeException e) {
                long delay = backoff.delayMillis(attempt - 1);
                LOG.warn("{}: connect attempt {} to {} failed ({}); next attempt in {} ms", connectionName, attempt,
                        settings.broker(), BrokerErrors.describe(e), delay);
                if (awaitClosing(delay)) {
                    return;
                }
            }
        }
    }

    private void established(Connection opened, boolean recovered) {
        try {
            hook.connected(opened, recovered);
        } catch (RuntimeException e) {
            LOG.error("{}: restoring topology after connecting failed", connectionName, e);
        }
        synchronized (stateLock) {
            // Lost again while restoring: recovery calls back here once it has reconnected.
            if (state == TransportState.CLOSED || !opened.isOpen()) {
                return;
            }
            changeState(TransportState.CONNECTED);
        }
        if (recovered) {
            LOG.info("{}: reconnected to {} after {} ms", connectionName, settings.broker(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAtNanos));
        } else {
            LOG.info("{}: connected to {}", connectionName, settings.broker());
        }
    }

    private void lost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication() && !(cause.getCause() instanceof MissedHeartbeatException)) {
            return;
        }
        lostAtNanos = System.nanoTime();
        // A new connection is not blocked until the broker says so again.
        unblock();
        LOG.warn("{}: connection to {} lost: {}", connectionName, settings.broker(), BrokerErrors.describe(cause));
        synchronized (stateLock) {
            if (state != TransportState.CLOSED) {
                changeState(TransportState.RECONNECTING);
            }
        }
    }

    private void unblock() {
        synchronized (stateLock) {
            blockedBy = null;
            stateLock.notifyAll();
        }
    }

    /** Waits up to {@code millis}; true when closing. */
    private boolean awaitClosing(long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Caller holds stateLock, so listeners hear the changes in the order they happened. */
    private void changeState(TransportState next) {
        if (state == next) {
            return;
        }
        state = next;
        stateLock.notifyAll();
        runOnControlThread(() -> {
            for (Consumer<TransportState> listener : listeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.warn("{}: state listener failed on {}", connectionName, next, e);
                }
            }
        });
    }

    private void runOnControlThread(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed, dropping a connection event", connectionName);
        }
    }
}
