package io.edgebus.transport.rabbitmq;

import io.edgebus.transport.support.EndpointThreads;
import com.rabbitmq.client.Connection;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint on one connection. It remembers what it was asked for (topology, subscriptions,
 * receiving) and applies it whenever a connection comes up, so requests made while the broker is
 * away are not lost and a broker that lost its definitions gets them back.
 */
final class RabbitMqEndpoint implements TransportEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqEndpoint.class);
    private static final Duration THREAD_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final TransportSettings settings;
    private final EndpointAddress address;
    private final String connectionName;
    private final EndpointThreads threads;
    private final ConnectionSupervisor supervisor;
    private final Topology topology;
    private final Dispatcher dispatcher;
    private final Consumer<RabbitMqEndpoint> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Object wanted = new Object();
    private Set<String> extraQueues; // guarded by wanted; null until declareTopology
    private final Map<String, List<String>> subscriptions = new LinkedHashMap<>(); // guarded by wanted
    private final Set<String> unsubscribes = new LinkedHashSet<>(); // guarded by wanted
    private Receiver receiver; // guarded by wanted
    /** The connection restore() last brought up to date; guarded by wanted. */
    private Connection restoredOn;

    RabbitMqEndpoint(TransportSettings settings, EndpointAddress address, Consumer<RabbitMqEndpoint> onClosed) {
        this.settings = settings;
        this.address = address;
        this.onClosed = onClosed;
        this.connectionName = settings.connectionName(address);
        this.threads = new EndpointThreads(address.endpointName());
        this.supervisor = new ConnectionSupervisor(settings, connectionName, threads);
        this.topology = new Topology(settings, address.queue(), supervisor::connection);
        this.dispatcher = new Dispatcher(settings, connectionName, supervisor, topology, threads);
    }

    void open() {
        supervisor.start(this::restore);
    }

    @Override
    public void declareTopology(List<String> extraQueues) {
        synchronized (wanted) {
            checkOpen();
            // The error queue is where core forwards poison messages: it must exist even when the
            // caller did not list it.
            Set<String> previous = this.extraQueues;
            Set<String> queues = new LinkedHashSet<>();
            queues.add(address.errorQueue());
            queues.addAll(extraQueues);
            this.extraQueues = queues;
            if (live()) {
                applyOrDefer("declaring the topology", () -> topology.declareEndpoint(List.copyOf(queues)),
                        () -> this.extraQueues = previous);
            }
        }
    }

    @Override
    public void startReceiving(int concurrency, MessageProcessor processor) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        Objects.requireNonNull(processor, "processor");
        synchronized (wanted) {
            checkOpen();
            if (receiver != null) {
                throw new EdgeBusException(Code.INVALID_OPERATION, connectionName + " is already receiving");
            }
            receiver = new Receiver(address.queue(), connectionName, concurrency, settings.prefetchFor(concurrency),
                    processor, threads);
            if (live()) {
                Receiver starting = receiver;
                applyOrDefer("starting to receive", () -> consume(starting, supervisor.connection()), () -> {
                    receiver = null;
                    starting.stop(Duration.ZERO);
                });
            }
        }
    }

    @Override
    public int stopReceiving(Duration drainTimeout) {
        Receiver stopping;
        synchronized (wanted) {
            stopping = receiver;
            receiver = null;
        }
        return stopping == null ? 0 : stopping.stop(drainTimeout);
    }

    @Override
    public void dispatch(List<OutgoingMessage> messages) {
        dispatcher.dispatch(messages);
    }

    @Override
    public CompletionStage<Void> dispatchAsync(List<OutgoingMessage> messages) {
        return dispatcher.dispatchAsync(messages);
    }

    @Override
    public OptionalLong queueLength(String queue) {
        return closed.get() || !supervisor.isConnected() ? OptionalLong.empty() : topology.queueLength(queue);
    }

    @Override
    public void subscribe(List<String> typeHierarchy) {
        if (typeHierarchy.isEmpty()) {
            throw new IllegalArgumentException("typeHierarchy must name the event type");
        }
        synchronized (wanted) {
            checkOpen();
            List<String> hierarchy = List.copyOf(typeHierarchy);
            List<String> previous = subscriptions.put(hierarchy.get(0), hierarchy);
            boolean wasUnsubscribing = unsubscribes.remove(hierarchy.get(0));
            if (live()) {
                applyOrDefer("subscribing to " + hierarchy.get(0), () -> topology.subscribe(hierarchy), () -> {
                    if (previous == null) {
                        subscriptions.remove(hierarchy.get(0));
                    } else {
                        subscriptions.put(hierarchy.get(0), previous);
                    }
                    if (wasUnsubscribing) {
                        unsubscribes.add(hierarchy.get(0));
                    }
                });
            }
        }
    }

    @Override
    public void unsubscribe(String messageType) {
        synchronized (wanted) {
            checkOpen();
            subscriptions.remove(messageType);
            unsubscribes.add(messageType);
            if (live() && applyOrDefer("unsubscribing from " + messageType,
                    () -> topology.unsubscribe(messageType), () -> unsubscribes.remove(messageType))) {
                unsubscribes.remove(messageType);
            }
        }
    }

    @Override
    public TransportState state() {
        return supervisor.state();
    }

    @Override
    public void onStateChange(Consumer<TransportState> listener) {
        supervisor.onStateChange(listener);
    }

    @Override
    public void close(Duration drainTimeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int handedBack = stopReceiving(drainTimeout);
        dispatcher.close();
        topology.close();
        supervisor.close();
        int leaked = threads.awaitAll(THREAD_EXIT_TIMEOUT);
        LOG.info("{}: closed ({} in-flight message(s) handed back{})", connectionName, handedBack,
                leaked == 0 ? "" : ", " + leaked + " thread(s) did not stop");
        onClosed.accept(this);
    }

    /** Applies everything wanted to a new or recovered connection; runs on the control thread. */
    private void restore(Connection connection, boolean recovered) {
        synchronized (wanted) {
            topology.reset();
            if (extraQueues != null) {
                attempt("declaring the topology", () -> topology.declareEndpoint(List.copyOf(extraQueues)));
            }
            subscriptions.values().forEach(hierarchy ->
                    attempt("subscribing to " + hierarchy.get(0), () -> topology.subscribe(hierarchy)));
            for (String type : List.copyOf(unsubscribes)) {
                if (attempt("unsubscribing from " + type, () -> topology.unsubscribe(type))) {
                    unsubscribes.remove(type);
                }
            }
            if (receiver != null) {
                Receiver current = receiver;
                attempt("starting to receive", () -> consume(current, connection));
            }
            restoredOn = connection;
        }
    }

    /**
     * Whether a change must be applied now rather than left to the next restore. The supervisor
     * reports CONNECTED only after restore() ran, so a change in between would be left to a restore
     * that already happened (a subscription or consumer lost until the next reconnect). Caller holds
     * {@code wanted}.
     */
    private boolean live() {
        if (supervisor.isConnected()) {
            return true;
        }
        Connection current = supervisor.connection();
        return current != null && current == restoredOn && current.isOpen();
    }

    /**
     * Runs an operation now; if the connection dropped meanwhile, it is left to the next restore.
     * A refusal by the broker (e.g. a queue that exists with other arguments) is thrown, after
     * {@code forget} took the request back: the caller was told it failed, so it is not retried.
     */
    private boolean applyOrDefer(String what, Runnable operation, Runnable forget) {
        try {
            operation.run();
            return true;
        } catch (EdgeBusException e) {
            if (e.code() == Code.TRANSPORT_UNAVAILABLE) {
                LOG.info("{}: {} is deferred until reconnected: {}", connectionName, what, e.getMessage());
                return false;
            }
            forget.run();
            throw e;
        }
    }

    private boolean attempt(String what, Runnable operation) {
        try {
            operation.run();
            return true;
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed after connecting: {}", connectionName, what, e.getMessage(), e);
            return false;
        }
    }

    private void consume(Receiver target, Connection connection) {
        try {
            target.ensureConsuming(connection);
        } catch (IOException | RuntimeException e) {
            throw BrokerErrors.translate("consuming queue " + address.queue(), e);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new EdgeBusException(Code.STOPPED, connectionName + " is closed");
        }
    }

    @Override
    public String toString() {
        return "RabbitMqEndpoint[" + connectionName + "]";
    }
}
