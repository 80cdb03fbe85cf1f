package io.edgebus.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.pipeline.RecoverabilityPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitGateTest {
    private final RateLimitGate gate = new RateLimitGate(() -> "Sales");
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private void fail(int times, int threshold, List<RecoverabilityPolicy> policies) {
        for (int i = 0; i < times; i++) {
            gate.failed(threshold, policies);
        }
    }

    @Test
    void theNthConsecutiveFailureThrottlesAndASuccessEndsIt() throws Exception {
        assertTrue(gate.clear());
        fail(4, 5, List.of());
        assertEquals(new RateLimitGate.Status(false, 4), gate.status());
        assertFalse(gate.clear(), "counted failures take the slow path");
        assertFalse(gate.enter(), "not throttled yet: no slot needed");
        fail(1, 5, List.of());
        assertEquals(new RateLimitGate.Status(true, 5), gate.status());
        assertTrue(gate.enter());
        gate.exit(true);
        gate.succeeded(8);
        assertEquals(new RateLimitGate.Status(false, 0), gate.status());
        assertTrue(gate.clear());
    }

    @Test
    void aSuccessBeforeTheThresholdStartsTheCountAgain() {
        fail(4, 5, List.of());
        gate.succeeded(8);
        fail(4, 5, List.of());
        assertEquals(new RateLimitGate.Status(false, 4), gate.status());
    }

    @Test
    void thresholdZeroNeverThrottles() {
        fail(100, 0, List.of());
        assertEquals(new RateLimitGate.Status(false, 100), gate.status());
    }

    @Test
    void aPolicySayingNoPreventsAndEndsTheThrottle() {
        AtomicBoolean on = new AtomicBoolean(false);
        List<RecoverabilityPolicy> policies = List.of(policy(on));
        fail(10, 5, policies);
        assertFalse(gate.status().throttled());
        on.set(true);
        fail(1, 5, policies);
        assertTrue(gate.status().throttled(), "switched on: the next failure throttles");
        on.set(false);
        fail(1, 5, policies);
        assertFalse(gate.status().throttled(), "switched off while throttled: the next failure ends it");
    }

    @Test
    void aPolicyThatThrowsIsIgnored() {
        RecoverabilityPolicy broken = new RecoverabilityPolicy() {
            @Override
            public boolean delayedRetries(String endpointName) {
                return true;
            }

            @Override
            public boolean autoRateLimit(String endpointName) {
                throw new IllegalStateException("broken plug-in");
            }
        };
        fail(5, 5, List.of(broken));
        assertTrue(gate.status().throttled());
    }

    @Test
    void whileThrottledASecondAttemptWaitsUntilTheFirstLeaves() throws Exception {
        fail(5, 5, List.of());
        assertTrue(gate.enter());
        Future<Boolean> second = threads.submit(gate::enter);
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS));
        gate.exit(true);
        assertTrue(second.get(5, TimeUnit.SECONDS), "the second one gets the slot");
        gate.exit(true);
    }

    @Test
    void aSuccessLetsEveryWaitingAttemptGoAtOnce() throws Exception {
        fail(5, 5, List.of());
        assertTrue(gate.enter());
        Future<Boolean> a = threads.submit(gate::enter);
        Future<Boolean> b = threads.submit(gate::enter);
        assertThrows(TimeoutException.class, () -> a.get(200, TimeUnit.MILLISECONDS));
        gate.succeeded(8); // the probing attempt succeeded, still inside
        assertFalse(a.get(5, TimeUnit.SECONDS), "not throttled: no slot");
        assertFalse(b.get(5, TimeUnit.SECONDS));
        gate.exit(true);
    }

    @Test
    void stoppingReleasesWaitingAttempts() throws Exception {
        fail(5, 5, List.of());
        assertTrue(gate.enter());
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
        gate.stop();
        assertFalse(waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void underLoadTheThrottledGateLetsOneAttemptInAtATime() throws Exception {
        fail(5, 5, List.of());
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    boolean held = gate.enter();
                    try {
                        max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(1);
                        inside.decrementAndGet();
                    } finally {
                        gate.exit(held);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, max.get());
    }

    private static RecoverabilityPolicy policy(AtomicBoolean rateLimit) {
        return new RecoverabilityPolicy() {
            @Override
            public boolean delayedRetries(String endpointName) {
                return true;
            }

            @Override
            public boolean autoRateLimit(String endpointName) {
                return rateLimit.get();
            }
        };
    }
}
