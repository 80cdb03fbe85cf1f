package io.edgebus.booth.controls.internal;

/** Waits; tests pass one that does not, so timing logic is tested without slow or flaky tests. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
