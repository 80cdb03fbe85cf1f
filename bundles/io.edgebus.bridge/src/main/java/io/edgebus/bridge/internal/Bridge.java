package io.edgebus.bridge.internal;

import io.edgebus.bridge.DirectionMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bridge: two sides, a direction each way, and the reporter that logs their metrics. */
final class Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final BridgeSettings settings;
    private final SideLink a;
    private final SideLink b;
    private final Direction aToB;
    private final Direction bToA;
    private final ScheduledExecutorService scheduler;

    Bridge(BridgeSettings settings, SideLink a, SideLink b) {
        this.settings = settings;
        this.a = a;
        this.b = b;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edgebus-bridge-" + settings.name());
            t.setDaemon(true);
            return t;
        });
        this.aToB = new Direction(settings.name(), a, b, dedup("A-to-B"), settings, scheduler, DRAIN);
        this.bToA = new Direction(settings.name(), b, a, dedup("B-to-A"), settings, scheduler, DRAIN);
    }

    void start() {
        a.open();
        b.open();
        apply(settings);
        long every = settings.reportInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::report, every, every, TimeUnit.MILLISECONDS);
        LOG.info("bridge {}: running between side A ({}: {}) and side B ({}: {})", settings.name(), a.transportName,
                settings.a().endpoints().keySet(), b.transportName, settings.b().endpoints().keySet());
    }

    /** Endpoints of side B get proxies on side A, and the other way round. */
    void apply(BridgeSettings next) {
        aToB.apply(next.b().endpoints());
        bToA.apply(next.a().endpoints());
    }

    List<DirectionMetrics> snapshot() {
        return List.of(aToB.snapshot(), bToA.snapshot());
    }

    void stop() {
        scheduler.shutdown();
        aToB.close();
        bToA.close();
        a.close(DRAIN);
        b.close(DRAIN);
        try {
            scheduler.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
        LOG.info("bridge {}: stopped", settings.name());
    }

    private void report() {
        try {
            for (DirectionMetrics m : snapshot()) {
                LOG.info("bridge {}: {} -> {}: forwarded {}, errors {} ({} too large), dedup hits {}, retries {}, "
                                + "lag last {} ms max {} ms, backlog {}, links {}/{}, link losses {}", settings.name(),
                        m.from(), m.to(), m.forwarded(), m.errors(), m.tooLarge(), m.dedupHits(), m.retries(),
                        m.lastLagMillis(), m.maxLagMillis(), m.backlog(), m.sourceLink(), m.targetLink(), m.linkDowns());
            }
        } catch (RuntimeException e) {
            LOG.warn("bridge {}: no metrics report: {}", settings.name(), e.toString());
        }
    }

    private Dedup dedup(String direction) {
        Path dir = settings.dedupDirectory();
        return new Dedup(settings.dedupWindow(), settings.dedupCapacity(),
                dir == null ? null : dir.resolve(settings.name() + "-" + direction + ".ids"), Clock.systemUTC());
    }
}
