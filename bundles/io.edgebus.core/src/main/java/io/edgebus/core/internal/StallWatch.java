package io.edgebus.core.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive stall alarm: raised when the endpoint is connected and messages wait in its queue but
 * it received none for {@code limit} (a handler stuck on every thread, or a consumer the broker
 * dropped without the client noticing); cleared when a message arrives or the queue empties. Logged
 * once per episode. Fed by the monitor thread's periodic {@link #check}.
 */
final class StallWatch {
    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final String endpoint;
    private final String queue;
    private final long limitNanos;
    private long lastReceived = -1;
    private long quietSince;
    private volatile boolean stalled;

    StallWatch(String endpoint, String queue, Duration limit) {
        this.endpoint = endpoint;
        this.queue = queue;
        this.limitNanos = limit.toNanos();
    }

    /**
     * One look: {@code consuming} whether the endpoint is connected and meant to receive,
     * {@code received} its count of messages received so far, {@code queueLength} the messages ready
     * in its queue (-1: unknown).
     */
    synchronized void check(long nowNanos, boolean consuming, long queueLength, long received) {
        boolean waiting = consuming && queueLength > 0;
        boolean moved = received != lastReceived;
        if (moved || !waiting) {
            lastReceived = received;
            quietSince = nowNanos;
            if (stalled) {
                stalled = false;
                if (moved) {
                    LOG.info("endpoint {}: receiving again ({} message(s) waiting in {})", endpoint,
                            Math.max(0, queueLength), queue);
                } else {
                    LOG.info("endpoint {}: stall alarm cleared: {}", endpoint,
                            consuming ? "nothing waits in " + queue : "not consuming (disconnected or stopped)");
                }
            }
            return;
        }
        if (!stalled && nowNanos - quietSince >= limitNanos) {
            stalled = true;
            LOG.warn("endpoint {}: connected and {} message(s) wait in {}, but none was received for {} s: a handler "
                    + "stuck on every thread, or a consumer the broker dropped", endpoint, queueLength, queue,
                    Duration.ofNanos(nowNanos - quietSince).toSeconds());
        }
    }

    boolean stalled() {
        return stalled;
    }

    /** How often to look: a quarter of the limit, at least every 15 s, at most every second. */
    static Duration period(Duration limit) {
        long ms = Math.max(1_000, Math.min(15_000, limit.toMillis() / 4));
        return Duration.ofMillis(ms);
    }
}
