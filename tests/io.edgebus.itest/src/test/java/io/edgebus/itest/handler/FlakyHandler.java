package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails each Flaky message {@code failTimes} times (counted across deliveries), then reports it. */
public final class FlakyHandler implements MessageHandler<Flaky> {
    private final Reporter reporter;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    FlakyHandler(Reporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void handle(Flaky message, MessageContext context) throws InterruptedException {
        int attempt = attempts.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
        if (attempt <= message.failTimes()) {
            throw new IllegalStateException("flaky " + message.id() + " fails attempt " + attempt,
                    new java.io.IOException("the simulated cause"));
        }
        reporter.handle(message.id(), 0, context);
    }
}
