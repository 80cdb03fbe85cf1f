package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes {@value #WORK_MILLIS} ms per Gauge and notes the most invocations seen running at once; fails
 * while the JVM-wide system property {@value #FAIL} is "true" (the test flips it). The test reads it
 * by reflection through the service registry.
 */
public final class GaugeHandler implements MessageHandler<Gauge> {
    static final String FAIL = "itest.gaugeFail";
    static final int WORK_MILLIS = 40;

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();

    @Override
    public void handle(Gauge message, MessageContext context) throws InterruptedException {
        attempts.incrementAndGet();
        max.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Thread.sleep(WORK_MILLIS);
            if (Boolean.getBoolean(FAIL)) {
                throw new IllegalStateException("gauge " + message.id() + ": failing on purpose");
            }
        } finally {
            running.decrementAndGet();
        }
        handled.incrementAndGet();
    }

    /** The most invocations at once since the last call; starts again from those running now. */
    public int takeMax() {
        return max.getAndSet(running.get());
    }

    public int attempts() {
        return attempts.get();
    }

    public int handled() {
        return handled.get();
    }
}
