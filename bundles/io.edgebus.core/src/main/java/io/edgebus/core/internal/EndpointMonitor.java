package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import io.edgebus.api.SendOptions;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up announcement, heartbeats, metrics reports and receive stall alarm of one endpoint
 * instance, on one thread of its own that {@link #stop()} ends. A report that cannot be sent (broker
 * away) is dropped, not queued: the next one says the same, newer.
 */
final class EndpointMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointMonitor.class);

    private final PlatformSettings platform;
    private final HostInfo host;
    private final String queue;
    private final OutgoingFactory outgoing;
    private final TransportEndpoint transport;
    private final MetricsReports reports;
    private final EndpointMeter meter;
    private final BooleanSupplier receiving;
    private final StallWatch stall; // null: alarm off
    private ScheduledExecutorService executor;
    private volatile Thread thread; // the executor's one thread, joined on stop
    private final List<Map.Entry<Runnable, Duration>> tasks = new ArrayList<>();
    private volatile boolean failing;

    EndpointMonitor(PlatformSettings platform, HostInfo host, String queue, OutgoingFactory outgoing,
                    TransportEndpoint transport, EndpointMeter meter, IntSupplier concurrency,
                    Supplier<RateLimitGate.Status> rateLimit, BooleanSupplier receiving) {
        this.platform = platform;
        this.host = host;
        this.queue = queue;
        this.outgoing = outgoing;
        this.transport = transport;
        this.reports = new MetricsReports(host, meter, concurrency, () -> transport.queueLength(queue), rateLimit);
        this.meter = meter;
        this.receiving = receiving;
        this.stall = platform.stallAlarmOn() ? new StallWatch(host.displayName(), queue, platform.stallAlarm()) : null;
    }

    /** Whether the receive stall alarm is raised now. */
    boolean receiveStalled() {
        return stall != null && stall.stalled();
    }

    /** A periodic task of the endpoint's own (outbox recovery) run on this thread; call before start. */
    synchronized void also(Runnable task, Duration every) {
        tasks.add(Map.entry(task, every));
    }

    synchronized void start() {
        boolean announce = !platform.serviceControlQueue().isEmpty();
        if (!announce && !platform.metrics() && tasks.isEmpty() && stall == null) {
            return;
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "edgebus-monitor-" + host.displayName());
            t.setDaemon(true);
            thread = t;
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = ex;
        if (announce) {
            ex.execute(() -> send(platform.serviceControlQueue(), startup(), null));
        }
        if (platform.heartbeats()) {
            long ms = platform.heartbeatInterval().toMillis();
            // Like NServiceBus: a heartbeat older than a few intervals is worthless; the broker drops it.
            Duration ttl = platform.heartbeatInterval().multipliedBy(4);
            ex.scheduleAtFixedRate(() -> send(platform.serviceControlQueue(), heartbeat(), ttl), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
        for (Map.Entry<Runnable, Duration> task : tasks) {
            long ms = task.getValue().toMillis();
            ex.scheduleWithFixedDelay(task.getKey(), ms, ms, TimeUnit.MILLISECONDS);
        }
        if (stall != null) {
            long ms = StallWatch.period(platform.stallAlarm()).toMillis();
            ex.scheduleWithFixedDelay(this::checkStall, ms, ms, TimeUnit.MILLISECONDS);
        }
        if (platform.metrics()) {
            long ms = platform.metricsInterval().toMillis();
            Duration ttl = platform.metricsInterval().multipliedBy(4);
            reports.next(); // the first interval starts now
            ex.scheduleAtFixedRate(() -> send(platform.monitoringQueue(), reports.next(), ttl), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Ends the thread; a report being sent may finish its send (bounded by the transport's timeout). */
    synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{}: the monitor thread did not stop within 30 s", host.displayName());
            }
            Thread ended = thread;
            if (ended != null) {
                ended.join(1_000); // terminated means its last task is done, not that the thread is gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        thread = null;
    }

    private void checkStall() {
        try {
            boolean consuming = receiving.getAsBoolean() && transport.state() == TransportState.CONNECTED;
            stall.check(System.nanoTime(), consuming, consuming ? transport.queueLength(queue).orElse(-1) : -1,
                    meter.received.sum());
        } catch (RuntimeException e) {
            LOG.debug("{}: stall check failed: {}", host.displayName(), e.toString());
        }
    }

    private Object startup() {
        return new PlatformMessages.RegisterEndpointStartup(host.hostId(), host.endpointName(),
                Instant.now().toString(), Map.of("Machine", host.machine(), "Instance", host.instanceId(),
                        "InputQueue", queue), host.displayName(), host.machine());
    }

    private Object heartbeat() {
        return new PlatformMessages.EndpointHeartbeat(Instant.now().toString(), host.endpointName(), host.hostId(),
                host.machine());
    }

    private void send(String destination, Object body, Duration timeToLive) {
        try {
            SendOptions.Builder options = SendOptions.builder().destination(destination);
            if (timeToLive != null) {
                options.header(Headers.TIME_TO_BE_RECEIVED, timeSpan(timeToLive));
            }
            OutgoingMessage message = outgoing.send(body, options.build(), null);
            transport.dispatch(List.of(message));
            if (failing) {
                failing = false;
                LOG.info("{}: sending to {} works again", host.displayName(), destination);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("{}: could not send {} to {} (dropped; later ones are retried): {}", host.displayName(),
                        body.getClass().getSimpleName(), destination, e.toString());
            }
        }
    }

    /** A .NET TimeSpan as NServiceBus writes TimeToBeReceived: {@code [d.]hh:mm:ss}. */
    static String timeSpan(Duration d) {
        long s = d.toSeconds();
        String hms = String.format("%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86_400 ? (s / 86_400) + "." + hms : hms;
    }
}
