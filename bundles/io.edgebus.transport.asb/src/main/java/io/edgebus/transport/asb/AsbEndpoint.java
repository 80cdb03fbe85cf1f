package io.edgebus.transport.asb;

import io.edgebus.transport.support.EndpointThreads;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EdgeBusException.Code;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import jakarta.jms.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint on one AMQP connection. It remembers what it was asked for (topology,
 * subscriptions) and applies it again whenever a connection comes up, so requests made while the
 * broker is away are not lost. Its subscription on the events topic is named after the endpoint
 * and forwards into the endpoint's queue, so the receiver reads one queue for commands and events.
 */
final class AsbEndpoint implements TransportEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AsbEndpoint.class);
    private static final Duration THREAD_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final AsbSettings settings;
    private final EndpointAddress address;
    private final String connectionName;
    private final EndpointThreads threads;
    private final ConnectionSupervisor supervisor;
    private final TopologyManager topology;
    private final Dispatcher dispatcher;
    private final Consumer<AsbEndpoint> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Object wanted = new Object();
    private Set<String> queues; // guarded by wanted; null until declareTopology
    private final Map<String, String> subscriptions = new LinkedHashMap<>(); // guarded by wanted
    private final Set<String> unsubscribes = new LinkedHashSet<>(); // guarded by wanted
    private Receiver receiver; // guarded by wanted

    AsbEndpoint(AsbSettings settings, EndpointAddress address, Consumer<AsbEndpoint> onClosed) {
        this.settings = settings;
        this.address = address;
        this.onClosed = onClosed;
        this.connectionName = "edgebus/" + address.endpointName() + "/" + address.instanceId();
        this.threads = new EndpointThreads(address.endpointName());
        this.supervisor = new ConnectionSupervisor(settings, connectionName, threads);
        this.topology = settings.isServiceBus()
                ? new ServiceBusManagement(settings.serviceBus(), settings.managementUri(), Clock.systemUTC())
                : new ArtemisTopology(supervisor::connection);
        this.dispatcher = new Dispatcher(settings, connectionName, supervisor);
    }

    void open() {
        supervisor.start(this::restore);
    }

    @Override
    public void declareTopology(List<String> extraQueues) {
        synchronized (wanted) {
            checkOpen();
            Set<String> previous = queues;
            Set<String> all = new LinkedHashSet<>();
            all.add(address.queue());
            all.add(address.errorQueue());
            all.addAll(extraQueues);
            queues = all;
            if (supervisor.isConnected()) {
                applyOrDefer("declaring the topology", () -> declare(all), () -> queues = previous);
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
            receiver = new Receiver(new ReceiveWorker.Context(address.queue(), address.errorQueue(), connectionName,
                    settings.maxDeliveryCount(), supervisor, dispatcher), concurrency, processor, threads);
            receiver.start();
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
    public void subscribe(List<String> typeHierarchy) {
        if (typeHierarchy.isEmpty()) {
            throw new IllegalArgumentException("typeHierarchy must name the event type");
        }
        String type = typeHierarchy.get(0);
        synchronized (wanted) {
            checkOpen();
            String previous = subscriptions.put(type, type);
            boolean wasUnsubscribing = unsubscribes.remove(type);
            if (supervisor.isConnected()) {
                applyOrDefer("subscribing to " + type, () -> subscribeNow(type), () -> {
                    if (previous == null) {
                        subscriptions.remove(type);
                    }
                    if (wasUnsubscribing) {
                        unsubscribes.add(type);
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
            if (supervisor.isConnected() && applyOrDefer("unsubscribing from " + messageType,
                    () -> topology.deleteRule(settings.topic(), address.endpointName(), messageType),
                    () -> unsubscribes.remove(messageType))) {
                unsubscribes.remove(messageType);
            }
        }
    }

    /** Queue-length metrics and the bridge's backlog ask this every few seconds; a failure is only "unknown". */
    @Override
    public java.util.OptionalLong queueLength(String queue) {
        if (closed.get() || !supervisor.isConnected()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return topology.queueLength(queue);
        } catch (RuntimeException e) {
            LOG.debug("{}: no length for queue {}: {}", connectionName, queue, e.toString());
            return java.util.OptionalLong.empty();
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
        supervisor.close();
        int leaked = threads.awaitAll(THREAD_EXIT_TIMEOUT);
        LOG.info("{}: closed ({} in-flight message(s) handed back{})", connectionName, handedBack,
                leaked == 0 ? "" : ", " + leaked + " thread(s) did not stop");
        onClosed.accept(this);
    }

    private void declare(Set<String> all) {
        all.forEach(topology::ensureQueue);
        topology.ensureTopic(settings.topic());
        topology.ensureSubscription(settings.topic(), address.endpointName(), address.queue());
    }

    private void subscribeNow(String type) {
        topology.ensureTopic(settings.topic());
        topology.ensureSubscription(settings.topic(), address.endpointName(), address.queue());
        topology.ensureRule(settings.topic(), address.endpointName(), type);
    }

    /** Applies everything wanted to a new or recovered connection; runs on the control thread. */
    private void restore(Connection connection, boolean recovered) {
        synchronized (wanted) {
            if (queues != null) {
                Set<String> all = queues;
                attempt("declaring the topology", () -> declare(all));
            }
            subscriptions.keySet().forEach(type -> attempt("subscribing to " + type, () -> subscribeNow(type)));
            for (String type : List.copyOf(unsubscribes)) {
                if (attempt("unsubscribing from " + type,
                        () -> topology.deleteRule(settings.topic(), address.endpointName(), type))) {
                    unsubscribes.remove(type);
                }
            }
        }
    }

    /**
     * Runs an operation now; if the connection dropped meanwhile, it is left to the next restore. A
     * refusal is thrown after {@code forget} took the request back: the caller was told it failed.
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

    private void checkOpen() {
        if (closed.get()) {
            throw new EdgeBusException(Code.STOPPED, connectionName + " is closed");
        }
    }

    @Override
    public String toString() {
        return "AsbEndpoint[" + connectionName + "]";
    }
}
