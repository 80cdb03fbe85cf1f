package io.edgebus.bridge.internal;

import io.edgebus.api.transport.TransportState;
import io.edgebus.bridge.DirectionMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction, source side to target side: a proxy on the source for every endpoint living on the
 * target, the deduplication of what went to the target, and its counters.
 */
final class Direction {
    private static final Logger LOG = LoggerFactory.getLogger(Direction.class);

    final String name;
    final SideLink source;
    final SideLink target;
    final Dedup dedup;
    final DirectionMeter meter = new DirectionMeter();
    final Failures failures = new Failures(this);
    final Duration hold;
    private final int concurrency;
    private final ScheduledExecutorService scheduler;
    private final Duration drain;
    private final Map<String, Proxy> proxies = new HashMap<>(); // guarded by this
    private volatile boolean open = true;

    Direction(String bridge, SideLink source, SideLink target, Dedup dedup, BridgeSettings settings,
              ScheduledExecutorService scheduler, Duration drain) {
        this.name = bridge + " " + source.label + "->" + target.label;
        this.source = source;
        this.target = target;
        this.dedup = dedup;
        this.hold = settings.hold();
        this.concurrency = settings.concurrency();
        this.scheduler = scheduler;
        this.drain = drain;
    }

    /** Opens, updates and closes proxies so there is one per endpoint of the target side, and no other. */
    synchronized void apply(Map<String, List<String>> targetEndpoints) {
        for (var e : targetEndpoints.entrySet()) {
            Proxy existing = proxies.get(e.getKey());
            if (existing != null) {
                existing.update(e.getValue());
            } else {
                proxies.put(e.getKey(), new Proxy(e.getKey(), e.getValue(), source, new Forwarder(e.getKey(), this), concurrency));
                LOG.info("bridge {}: proxy {} opened on side {} ({}), subscribed to {}", name, e.getKey(), source.label,
                        source.transportName, e.getValue());
            }
        }
        for (String endpoint : List.copyOf(proxies.keySet())) {
            if (!targetEndpoints.containsKey(endpoint)) {
                proxies.remove(endpoint).close(drain);
                LOG.info("bridge {}: proxy {} closed", name, endpoint);
            }
        }
    }

    boolean isOpen() {
        return open;
    }

    void later(Runnable task, long delayMs) {
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            task.run(); // the bridge is closing: the attempt fails fast and hands the message back
        }
    }

    synchronized DirectionMetrics snapshot() {
        long backlog = 0;
        TransportState link = source.state();
        for (Proxy p : proxies.values()) {
            OptionalLong length = p.backlog();
            backlog = backlog < 0 || length.isEmpty() ? -1 : backlog + length.getAsLong();
            if (p.state() != TransportState.CONNECTED) {
                link = p.state();
            }
        }
        return new DirectionMetrics(source.label + "(" + source.transportName + ")",
                target.label + "(" + target.transportName + ")", meter.forwarded.get(), meter.errors.get(),
                meter.tooLarge.get(), meter.dedupHits.get(), meter.retries.get(), meter.lastLagMillis.get(),
                meter.maxLagMillis.get(), backlog, link.name(), target.state().name(), source.downs() + target.downs());
    }

    synchronized void close() {
        open = false;
        proxies.values().forEach(p -> p.close(drain));
        proxies.clear();
        dedup.close();
    }
}
