package io.edgebus.transport.asb;

import io.edgebus.transport.support.EndpointThreads;
import io.edgebus.api.EdgeBusException;
import io.edgebus.api.transport.MessageProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the endpoint's queue with {@code concurrency} workers, each on its own session and
 * consumer (JMS sessions are single-threaded), so at most that many messages are processed at once
 * while each consumer's prefetch keeps the next ones locked and ready.
 */
final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    private static final long WORKER_EXIT_GRACE_MS = 2_000;

    private final String connectionName;
    private final List<ReceiveWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Receiver(ReceiveWorker.Context context, int concurrency, MessageProcessor processor, EndpointThreads factory) {
        this.connectionName = context.connectionName();
        for (int i = 0; i < concurrency; i++) {
            ReceiveWorker worker = new ReceiveWorker(context, processor);
            workers.add(worker);
            threads.add(factory.factory("receiver").newThread(worker));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Stops taking messages, waits up to {@code drainTimeout} for those processing, then hands back
     * (abandons) the ones still running; returns how many.
     */
    int stop(Duration drainTimeout) {
        workers.forEach(ReceiveWorker::stop);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        joinAll(deadline);
        int handedBack = 0;
        for (int i = 0; i < workers.size(); i++) {
            if (threads.get(i).isAlive()) {
                if (workers.get(i).abandon()) {
                    handedBack++;
                }
                threads.get(i).interrupt();
            }
        }
        joinAll(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORKER_EXIT_GRACE_MS));
        if (handedBack > 0) {
            LOG.info("{}: handed back {} message(s) still processing after {} ms", connectionName, handedBack,
                    drainTimeout.toMillis());
        }
        return handedBack;
    }

    private void joinAll(long deadlineNanos) {
        for (Thread thread : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EdgeBusException(EdgeBusException.Code.STOPPED, "interrupted while stopping", e);
            }
        }
    }
}
