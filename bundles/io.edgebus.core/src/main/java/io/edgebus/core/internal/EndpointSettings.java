package io.edgebus.core.internal;

import java.time.Duration;

/** An endpoint's configuration, validated once; invalid values are refused with the field name. */
record EndpointSettings(String name, String instance, String queue, int concurrency, String[] routes,
                        String errorQueue, int immediateRetries, Duration drainTimeout,
                        Duration missingHandlerGrace, boolean outbox, int delayedRetries,
                        Duration delayedRetryIncrement, int autoRateLimitFailures, Duration outboxRecovery) {

    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,199}";

    EndpointSettings {
        require("edgebus.endpoint", name);
        require("instance", instance);
        require("queue", queue);
        require("errorQueue", errorQueue);
        if (concurrency < 1 || concurrency > 1000) {
            throw new IllegalArgumentException("concurrency: must be 1..1000, was " + concurrency);
        }
        if (immediateRetries < 0 || immediateRetries > 100) {
            throw new IllegalArgumentException("immediateRetries: must be 0..100, was " + immediateRetries);
        }
        if (delayedRetries < 0 || delayedRetries > 100) {
            throw new IllegalArgumentException("delayedRetries: must be 0..100, was " + delayedRetries);
        }
        if (delayedRetryIncrement.isNegative() || delayedRetryIncrement.isZero()) {
            throw new IllegalArgumentException("delayedRetryIncrementSeconds: must be positive");
        }
        if (autoRateLimitFailures < 0) {
            throw new IllegalArgumentException("autoRateLimitFailures: must not be negative, was " + autoRateLimitFailures);
        }
        if (outboxRecovery.isNegative()) {
            throw new IllegalArgumentException("outboxRecoverySeconds: must not be negative");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeoutSeconds: must not be negative");
        }
        if (missingHandlerGrace.isNegative()) {
            throw new IllegalArgumentException("missingHandlerGraceSeconds: must not be negative");
        }
        routes = routes == null ? new String[0] : routes.clone();
    }

    /** With the default outbox recovery interval. */
    EndpointSettings(String name, String instance, String queue, int concurrency, String[] routes,
                     String errorQueue, int immediateRetries, Duration drainTimeout, Duration missingHandlerGrace,
                     boolean outbox, int delayedRetries, Duration delayedRetryIncrement, int autoRateLimitFailures) {
        this(name, instance, queue, concurrency, routes, errorQueue, immediateRetries, drainTimeout,
                missingHandlerGrace, outbox, delayedRetries, delayedRetryIncrement, autoRateLimitFailures,
                Duration.ofSeconds(60));
    }

    /** Without auto rate limiting. */
    EndpointSettings(String name, String instance, String queue, int concurrency, String[] routes,
                     String errorQueue, int immediateRetries, Duration drainTimeout, Duration missingHandlerGrace,
                     boolean outbox, int delayedRetries, Duration delayedRetryIncrement) {
        this(name, instance, queue, concurrency, routes, errorQueue, immediateRetries, drainTimeout,
                missingHandlerGrace, outbox, delayedRetries, delayedRetryIncrement, 0);
    }

    /** Without delayed retries (tests that only look at immediate retries and the error queue). */
    EndpointSettings(String name, String instance, String queue, int concurrency, String[] routes,
                     String errorQueue, int immediateRetries, Duration drainTimeout, Duration missingHandlerGrace,
                     boolean outbox) {
        this(name, instance, queue, concurrency, routes, errorQueue, immediateRetries, drainTimeout,
                missingHandlerGrace, outbox, 0, Duration.ofSeconds(10));
    }

    /** Without the outbox and delayed retries. */
    EndpointSettings(String name, String instance, String queue, int concurrency, String[] routes,
                     String errorQueue, int immediateRetries, Duration drainTimeout, Duration missingHandlerGrace) {
        this(name, instance, queue, concurrency, routes, errorQueue, immediateRetries, drainTimeout,
                missingHandlerGrace, false);
    }

    static EndpointSettings from(EndpointConfig c) {
        String queue = c.queue() == null || c.queue().isBlank() ? c.edgebus_endpoint() : c.queue().trim();
        return new EndpointSettings(trim(c.edgebus_endpoint()), trim(c.instance()), queue, c.concurrency(),
                c.routes(), trim(c.errorQueue()), c.immediateRetries(),
                Duration.ofSeconds(c.drainTimeoutSeconds()), Duration.ofSeconds(c.missingHandlerGraceSeconds()),
                c.outbox(), c.delayedRetries(), Duration.ofSeconds(c.delayedRetryIncrementSeconds()),
                c.autoRateLimitFailures(), Duration.ofSeconds(c.outboxRecoverySeconds()));
    }

    /** Whether a change of {@code other} needs a new transport endpoint rather than an update. */
    boolean sameIdentity(EndpointSettings other) {
        return name.equals(other.name) && instance.equals(other.instance) && queue.equals(other.queue)
                && errorQueue.equals(other.errorQueue);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static void require(String field, String value) {
        if (value == null || !value.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException(field + ": must match " + NAME_PATTERN + ", was '" + value + "'");
        }
    }
}
