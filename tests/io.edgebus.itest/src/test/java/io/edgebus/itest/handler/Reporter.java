package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.SendOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends a Handled report for each handled message; counts invocations running per endpoint. */
final class Reporter {
    static final String RESULTS = "itest-results";
    private final String version;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    private final String results;

    /** {@code results}: the queue the reports go to; null: {@value #RESULTS}. */
    Reporter(String version, String results) {
        this.version = version;
        this.results = results == null || results.isBlank() ? RESULTS : results;
    }

    void handle(String id, int workMillis, MessageContext context) throws InterruptedException {
        AtomicInteger counter = running.computeIfAbsent(context.endpointName(), e -> new AtomicInteger());
        int inFlight = counter.incrementAndGet();
        try {
            Thread.sleep(workMillis);
        } finally {
            counter.decrementAndGet();
        }
        context.send(new Handled(id, version, context.endpointName(), inFlight, context.headers()),
                SendOptions.builder().destination(results).build());
    }
}
