package io.edgebus.transport.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and remembers every thread one endpoint runs, including its broker client's (given as
 * the client's thread factory where it takes one), so that close() can prove none of them outlives the endpoint. Bundles are
 * stopped and updated at run time; a thread left behind pins the old class loader.
 */
public final class EndpointThreads {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointThreads.class);

    private final String prefix;
    private final Set<Thread> alive = ConcurrentHashMap.newKeySet();

    public EndpointThreads(String endpointName) {
        this.prefix = "edgebus-" + endpointName + "-";
    }

    /** A factory for threads named {@code edgebus-<endpoint>-<role>-N}. */
    public ThreadFactory factory(String role) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    alive.remove(Thread.currentThread());
                }
            }, prefix + role + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            alive.add(thread);
            return thread;
        };
    }

    /**
     * Waits for every thread to end; interrupts the ones still running after {@code timeout}.
     * Returns how many survived anyway (then logged, since they leak).
     */
    public int awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        joinAll(deadline);
        List<Thread> stuck = others();
        if (stuck.isEmpty()) {
            return 0;
        }
        stuck.forEach(Thread::interrupt);
        joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        List<Thread> leaked = others();
        if (!leaked.isEmpty()) {
            LOG.warn("{} thread(s) did not stop: {}", leaked.size(), leaked);
        }
        return leaked.size();
    }

    private void joinAll(long deadlineNanos) {
        for (Thread thread : others()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The threads still alive, except the caller's own (close() may run on one of them). */
    private List<Thread> others() {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : alive) {
            if (thread != Thread.currentThread() && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }
}
