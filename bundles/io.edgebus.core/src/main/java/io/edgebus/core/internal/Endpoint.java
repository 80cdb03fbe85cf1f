package io.edgebus.core.internal;

import io.edgebus.api.Bus;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.EndpointState;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.api.monitoring.MetricsSnapshot;
import io.edgebus.api.persistence.Persistence;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.transport.EndpointAddress;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.Transport;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running endpoint instance: its transport endpoint, its handlers and the receive loop. It
 * receives only while it has a handler, so a send-only endpoint and a bundle update never take
 * messages nobody can handle. Plain Java; {@link EndpointComponent} binds it to OSGi.
 */
final class Endpoint implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final HandlerRegistry handlers;
    private final Supplier<Persistence> persistence;
    private final Pipelines pipelines;
    private final HostInfo host;
    private final TransportEndpoint transport;
    private volatile JsonSerializer serializer = new JsonSerializer();
    private final OutgoingFactory outgoing;
    private final MessageProcessing processing = new MessageProcessing(this);
    private final PlatformSettings platform;
    private final EndpointMeter meter = new EndpointMeter();
    private final EndpointMonitor monitor;
    private volatile EndpointSettings settings;
    private volatile EndpointState state = EndpointState.STARTING;
    private volatile boolean stopping;
    private volatile boolean receiving; // written under this, read by the stall alarm

    Endpoint(EndpointSettings settings, Transport transport, HandlerRegistry handlers, Pipelines pipelines) {
        this(settings, transport, handlers, pipelines, () -> null);
    }

    Endpoint(EndpointSettings settings, Transport transport, HandlerRegistry handlers, Pipelines pipelines,
             Supplier<Persistence> persistence) {
        this(settings, PlatformSettings.OFF, transport, handlers, pipelines, persistence);
    }

    Endpoint(EndpointSettings settings, PlatformSettings platform, Transport transport, HandlerRegistry handlers,
             Pipelines pipelines, Supplier<Persistence> persistence) {
        this.platform = platform;
        this.persistence = persistence;
        this.settings = settings;
        this.handlers = handlers;
        this.pipelines = pipelines;
        this.host = HostInfo.of(settings.name(), settings.instance());
        this.outgoing = new OutgoingFactory(host, settings.queue(), this::serializer, new Router(settings.routes()));
        this.transport = transport.open(new EndpointAddress(settings.name(), settings.queue(), settings.instance(),
                settings.errorQueue()));
        this.transport.onStateChange(this::transportStateChanged);
        this.monitor = new EndpointMonitor(platform, host, settings.queue(), outgoing, this.transport, meter,
                () -> this.settings.concurrency(), this::rateLimit, () -> receiving);
        if (settings.outbox() && !settings.outboxRecovery().isZero()) {
            OutboxRecovery recovery = new OutboxRecovery(this, settings.outboxRecovery());
            monitor.also(recovery::run, settings.outboxRecovery());
        }
    }

    synchronized void start() {
        List<String> queues = new ArrayList<>(List.of(settings.errorQueue()));
        queues.addAll(platform.queues());
        transport.declareTopology(queues);
        for (HandlerEntry e : handlers.all()) {
            subscribeIfEvent(e);
        }
        updateReceiving();
        monitor.start();
        LOG.info("endpoint {} ({}) started with {} handler(s)", settings.name(), host.displayName(),
                handlers.all().size());
    }

    synchronized void stop() {
        stopping = true;
        processing.stop();
        state = EndpointState.STOPPING;
        monitor.stop();
        transport.close(settings.drainTimeout());
        receiving = false;
        state = EndpointState.STOPPED;
        LOG.info("endpoint {} ({}) stopped", settings.name(), host.displayName());
    }

    /** Applies a configuration change that keeps the endpoint's identity. */
    synchronized void update(EndpointSettings next) {
        Router router = new Router(next.routes());
        boolean concurrencyChanged = next.concurrency() != settings.concurrency();
        outgoing.router(router);
        settings = next;
        if (concurrencyChanged && receiving) {
            transport.stopReceiving(next.drainTimeout());
            transport.startReceiving(next.concurrency(), processing);
        }
        updateReceiving();
    }

    synchronized void handlerAdded(HandlerRegistry.Added added) {
        if (added.newType()) {
            subscribeIfEvent(added.entry());
        }
        updateReceiving();
        LOG.info("endpoint {}: handler {} of {} added", settings.name(),
                added.entry().handler().getClass().getName(), added.entry().wireName());
    }

    /** The persistence came or went: an outbox endpoint receives only while it has one. */
    synchronized void persistenceChanged() {
        updateReceiving();
    }

    /** Called after the registry dropped the handler: waits for its running invocations. */
    void handlerRemoved(HandlerRegistry.Removed removed) {
        try {
            int still = removed.entry().awaitIdle(settings.drainTimeout());
            if (still > 0) {
                LOG.warn("{}: handler {} still runs {} invocation(s) after the drain timeout", settings.name(),
                        removed.entry().handler().getClass().getName(), still);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (removed.typeGone()) {
                // Jackson caches per class; a fresh mapper lets the old bundle's class loader go.
                serializer = new JsonSerializer();
                if (!MessageTypes.isCommand(removed.entry().type()) && !stopping) {
                    transport.unsubscribe(removed.entry().wireName());
                }
            }
            updateReceiving();
        }
    }

    private void updateReceiving() {
        if (stopping) {
            return;
        }
        // With the outbox, a message taken before the persistence is there could only fail.
        boolean want = !handlers.isEmpty() && (!settings.outbox() || persistence.get() != null);
        if (want && !receiving) {
            transport.startReceiving(settings.concurrency(), processing);
            receiving = true;
        } else if (!want && receiving) {
            int handedBack = transport.stopReceiving(settings.drainTimeout());
            receiving = false;
            LOG.info("{}: no handlers left, stopped receiving ({} handed back)", settings.name(), handedBack);
        }
    }

    private void subscribeIfEvent(HandlerEntry entry) {
        if (!MessageTypes.isCommand(entry.type())) {
            transport.subscribe(MessageTypes.hierarchy(entry.type()));
        }
    }

    private void transportStateChanged(TransportState s) {
        if (stopping) {
            return;
        }
        state = switch (s) {
            case CONNECTING -> EndpointState.STARTING;
            case CONNECTED -> EndpointState.RUNNING;
            case RECONNECTING -> EndpointState.RECONNECTING;
            case CLOSED -> EndpointState.STOPPED;
        };
        LOG.info("endpoint {} ({}) is {}", settings.name(), host.displayName(), state);
    }

    /** Runs the dispatch pipeline and hands the messages to the transport. */
    void dispatch(List<OutgoingMessage> messages, Optional<ReceiveContext> incoming) {
        List<OutgoingMessage> batch = new ArrayList<>(messages);
        try {
            pipelines.dispatch.run(new Contexts.Dispatch(settings.name(), batch, incoming), () -> {
                if (!batch.isEmpty()) {
                    transport.dispatch(batch);
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EdgeBusException(EdgeBusException.Code.DISPATCH_REJECTED, "dispatch behaviour failed: " + e, e);
        }
    }

    @Override
    public void send(Object message, SendOptions options) {
        requireRunning();
        dispatch(List.of(outgoing.send(message, options, null)), Optional.empty());
    }

    @Override
    public void publish(Object event, PublishOptions options) {
        requireRunning();
        dispatch(List.of(outgoing.publish(event, options, null)), Optional.empty());
    }

    private void requireRunning() {
        if (stopping) {
            throw new EdgeBusException(EdgeBusException.Code.STOPPED, "endpoint " + settings.name() + " is stopped");
        }
    }

    @Override
    public String endpointName() {
        return settings.name();
    }

    @Override
    public EndpointState state() {
        return state;
    }

    EndpointSettings settings() {
        return settings;
    }

    /** The endpoint's persistence, or null when none is configured or bound. */
    Persistence persistence() {
        return persistence.get();
    }

    PlatformSettings platform() {
        return platform;
    }

    EndpointMeter meter() {
        return meter;
    }

    /** The counters now, and the input queue's length asked of the transport. */
    MetricsSnapshot snapshot() {
        return new MetricsSnapshot(settings.name(), settings.instance(), host.displayName(), host.hostId(),
                meter.processed.sum(), meter.failed.sum(), meter.immediateRetries.sum(), meter.delayedRetries.sum(),
                meter.processing.snapshot(), meter.critical.snapshot(),
                transport.queueLength(settings.queue()).orElse(-1), settings.concurrency(),
                rateLimit().throttled(), rateLimit().consecutiveFailures(), monitor.receiveStalled());
    }

    HostInfo host() {
        return host;
    }

    HandlerRegistry handlers() {
        return handlers;
    }

    Pipelines pipelines() {
        return pipelines;
    }

    JsonSerializer serializer() {
        return serializer;
    }

    OutgoingFactory outgoing() {
        return outgoing;
    }

    TransportEndpoint transport() {
        return transport;
    }

    /** Auto rate limiting: throttled or not, consecutive failed attempts (terminal view, metrics). */
    RateLimitGate.Status rateLimit() {
        return processing.rateLimit();
    }

    @Override
    public boolean rateLimited() {
        return rateLimit().throttled();
    }

    @Override
    public int consecutiveFailures() {
        return rateLimit().consecutiveFailures();
    }

    boolean isStopping() {
        return stopping;
    }
}
