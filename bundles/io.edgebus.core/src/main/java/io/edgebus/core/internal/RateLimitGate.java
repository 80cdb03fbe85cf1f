package io.edgebus.core.internal;

import io.edgebus.api.pipeline.RecoverabilityPolicy;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto rate limiting (F8): after {@code threshold} consecutive failed attempts the endpoint lets one
 * attempt run at a time, whatever its concurrency, until one succeeds. The transport keeps its
 * workers and prefetch; the others wait here. It lives in core so that it works with any transport.
 * <p>
 * The normal path reads one volatile field ({@link #clear()}); everything else happens only while
 * failures are counted. "Consecutive" is by start: a success resets the count only when it started
 * after a failure was counted, so successes that overlap failures leave it alone.
 */
final class RateLimitGate {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitGate.class);

    /** What the terminal view and metrics show. */
    record Status(boolean throttled, int consecutiveFailures) {
    }

    private final Supplier<String> endpoint;
    private volatile int failures;
    private boolean throttled; // guarded by this
    private boolean busy; // guarded by this: the one attempt let through while throttled
    private boolean stopped; // guarded by this

    /** {@code endpoint}: the endpoint's name, for the log and the policies. */
    RateLimitGate(Supplier<String> endpoint) {
        this.endpoint = endpoint;
    }

    /** True when no failure is counted: the attempt needs neither {@link #enter} nor {@link #succeeded}. */
    boolean clear() {
        return failures == 0;
    }

    /**
     * Waits while throttled and another attempt runs. Returns whether this attempt holds the one slot
     * ({@link #exit} it after the attempt); false when not throttled or when the endpoint stops.
     */
    synchronized boolean enter() throws InterruptedException {
        while (throttled && busy && !stopped) {
            wait();
        }
        if (throttled && !stopped) {
            busy = true;
            return true;
        }
        return false;
    }

    synchronized void exit(boolean held) {
        if (held) {
            busy = false;
            notifyAll();
        }
    }

    /** An attempt that started while failures were counted succeeded: back to full concurrency. */
    synchronized void succeeded(int concurrency) {
        if (throttled) {
            throttled = false;
            LOG.warn("{}: a message succeeded after {} consecutive failed attempts; auto rate limiting ends, "
                    + "back to concurrency {}", endpoint.get(), failures, concurrency);
            notifyAll();
        }
        failures = 0;
    }

    /**
     * An attempt failed (not poison input, not a hand-back). {@code threshold} 0 means off; the
     * policies are asked at each failure from the threshold on (throttled or not), so a run-time
     * switch acts at the next failure.
     */
    synchronized void failed(int threshold, List<RecoverabilityPolicy> policies) {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        if (!throttled && threshold > 0 && failures >= threshold && allowed(policies)) {
            throttled = true;
            LOG.warn("{}: {} consecutive failed attempts; auto rate limiting: one message at a time until one "
                    + "succeeds", endpoint.get(), failures);
        } else if (throttled && (threshold == 0 || !allowed(policies))) {
            throttled = false;
            LOG.warn("{}: auto rate limiting switched off while throttled; back to full concurrency", endpoint.get());
            notifyAll();
        }
    }

    /** The endpoint stops: waiting attempts go on (and are handed back by the caller). */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized Status status() {
        return new Status(throttled, failures);
    }

    private boolean allowed(List<RecoverabilityPolicy> policies) {
        String name = endpoint.get();
        for (RecoverabilityPolicy policy : policies) {
            try {
                if (!policy.autoRateLimit(name)) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: recoverability policy {} failed, ignored: {}", name, policy, e.toString());
            }
        }
        return true;
    }
}
