package io.edgebus.transport.asb;

import io.edgebus.transport.support.EndpointThreads;
import io.edgebus.transport.support.Backoff;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.TransportState;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one endpoint's AMQP connection and its state. Qpid JMS' failover transport would hide a
 * reconnect from us (and settle nothing of what was in flight), so we connect plainly and rebuild
 * ourselves: a lost connection is closed, a new one opened with back-off, forever, and the hook
 * re-applies topology before the state says CONNECTED again. All of it runs on one control thread.
 */
final class ConnectionSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
    /** The text Qpid JMS fails in-flight sends with when the connection drops (see isConnectionLoss). */
    private static final String CONNECTION_INTERRUPTED = "Send failed due to connection loss";

    /** Runs on the control thread each time a connection is (re-)established, before CONNECTED. */
    interface ConnectedHook {
        void connected(Connection connection, boolean recovered);
    }

    private final AsbSettings settings;
    private final String connectionName;
    private final Backoff backoff;
    private final JmsConnectionFactory factory;
    private final NativeMessageIds messageIds = new NativeMessageIds();
    private final ExecutorService control;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Consumer<TransportState>> listeners = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private volatile TransportState state = TransportState.CONNECTING;
    private Connection connection; // guarded by stateLock
    private long generation; // guarded by stateLock; bumped per connection
    private volatile long lostAtNanos;
    private volatile ConnectedHook hook = (c, recovered) -> { };

    ConnectionSupervisor(AsbSettings settings, String connectionName, EndpointThreads threads) {
        this.settings = settings;
        this.connectionName = connectionName;
        this.backoff = new Backoff(settings.recoveryInitialDelay(), settings.recoveryMaxDelay());
        this.control = Executors.newSingleThreadExecutor(threads.factory("control"));
        this.factory = new JmsConnectionFactory(settings.user(), settings.secret(), settings.connectionUri());
        this.factory.setMessageIDPolicy(messageIds);
    }

    /** Sends within {@link NativeMessageIds#with} carry the NServiceBus id as their AMQP message-id. */
    NativeMessageIds messageIds() {
        return messageIds;
    }

    void start(ConnectedHook onConnected) {
        this.hook = onConnected;
        control.execute(() -> connectUntilConnected(false));
    }

    TransportState state() {
        return state;
    }

    boolean isConnected() {
        return state == TransportState.CONNECTED;
    }

    void onStateChange(Consumer<TransportState> listener) {
        listeners.add(listener);
    }

    /** The current connection, or null while there is none. */
    Connection connection() {
        synchronized (stateLock) {
            return connection;
        }
    }

    /** The connection's number: work bound to an older one is void. */
    long generation() {
        synchronized (stateLock) {
            return generation;
        }
    }

    /** Blocks until CONNECTED; TRANSPORT_UNAVAILABLE at the deadline, STOPPED once closed. */
    Connection awaitConnected(long deadlineNanos) {
        synchronized (stateLock) {
            while (state != TransportState.CONNECTED) {
                if (state == TransportState.CLOSED) {
                    throw new EdgeBusException(Code.STOPPED, connectionName + " is closed");
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE,
                            connectionName + " is not connected to " + settings.broker() + " (" + state + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(stateLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EdgeBusException(Code.TRANSPORT_UNAVAILABLE, "interrupted waiting for a connection", e);
                }
            }
            return connection;
        }
    }

    /**
     * Reports that {@code failed} no longer works (its exception listener fired, or a user of it
     * saw it die). The first report per connection starts the reconnect; later ones are ignored.
     */
    void lost(Connection failed, Exception cause) {
        synchronized (stateLock) {
            if (failed != connection || state == TransportState.CLOSED) {
                return;
            }
            connection = null;
            generation++;
            lostAtNanos = System.nanoTime();
            changeState(TransportState.RECONNECTING);
        }
        LOG.warn("{}: connection to {} lost: {}", connectionName, settings.broker(), describe(cause));
        runOnControlThread(() -> {
            closeQuietly(failed);
            connectUntilConnected(true);
        });
    }

    /**
     * Called by users of a connection whose operation failed: if the connection itself is dead (not
     * just the operation), the reconnect starts now rather than waiting for the exception listener.
     */
    void reportIfDead(Connection used, Exception cause) {
        if (used instanceof JmsConnection jms && (jms.isFailed() || jms.isClosed())) {
            lost(used, cause == null ? new JMSException("connection failed while opening") : cause);
        }
    }

    void close() {
        Connection current;
        synchronized (stateLock) {
            if (state == TransportState.CLOSED) {
                return;
            }
            changeState(TransportState.CLOSED);
            current = connection;
            connection = null;
            generation++;
        }
        closing.countDown();
        closeQuietly(current);
        control.shutdown();
        try {
            if (!control.awaitTermination(settings.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            control.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void connectUntilConnected(boolean recovered) {
        for (int attempt = 1; closing.getCount() > 0; attempt++) {
            Connection opened = null;
            try {
                opened = createConnection();
                Connection watched = opened;
                opened.setExceptionListener(e -> lost(watched, e));
                opened.start();
                synchronized (stateLock) {
                    if (state == TransportState.CLOSED) {
                        closeQuietly(opened);
                        return;
                    }
                    connection = opened;
                    generation++;
                }
                // A failure reported before it became the current connection was ignored by lost().
                reportIfDead(opened, null);
                established(opened, recovered);
                return;
            } catch (JMSException | RuntimeException e) {
                closeQuietly(opened);
                long delay = backoff.delayMillis(attempt - 1);
                LOG.warn("{}: connect attempt {} to {} failed ({}); next attempt in {} ms", connectionName, attempt,
                        settings.broker(), describe(e), delay);
                if (awaitClosing(delay)) {
                    return;
                }
            }
        }
    }

    /**
     * Qpid JMS finds its AMQP provider and transport through the thread's context class loader; in
     * OSGi that must be the client bundle's own loader, or it finds nothing (or a foreign copy).
     */
    private Connection createConnection() throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JmsConnectionFactory.class.getClassLoader());
        try {
            return factory.createConnection();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void established(Connection opened, boolean recovered) {
        try {
            hook.connected(opened, recovered);
        } catch (RuntimeException e) {
            LOG.error("{}: restoring topology after connecting failed", connectionName, e);
        }
        synchronized (stateLock) {
            if (state == TransportState.CLOSED || connection != opened) {
                return; // lost again while restoring: the next connect calls back here
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

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("closing a connection failed: {}", describe(e));
        }
    }

    /**
     * Whether a failure is the connection going away (closed by the broker, I/O error, idle timeout),
     * not the broker refusing one message: what failed that way is worth sending again once
     * reconnected. Matched by name: the client's provider exception classes are not its API.
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof java.io.IOException || name.contains("ConnectionRemotelyClosed")
                    || name.contains("ConnectionFailed") || name.equals("ProviderClosedException")
                    || name.equals("ProviderFailedException") || name.equals("ProviderIdleTimeoutException")
                    || name.equals("ProviderIOException")) {
                return true;
            }
            // What Qpid JMS (JmsSession.onConnectionInterrupted) completes every in-flight async send
            // with when the connection drops: a plain JMSException with no cause, only this text.
            if (CONNECTION_INTERRUPTED.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The failure and, if different, its root cause: enough to see what happened in one line. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
